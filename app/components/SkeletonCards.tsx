import { BlockStack, Card, InlineGrid, SkeletonBodyText, SkeletonDisplayText } from "@shopify/polaris";

/** Placeholders of the same size as the KPI cards, shown while a new range loads (no layout shift). */
export function SkeletonCards({ count }: { count: number }) {
  return (
    <div aria-busy="true" aria-label="Loading figures">
      <InlineGrid columns={{ xs: 1, sm: 2, lg: 3 }} gap="400">
        {Array.from({ length: count }, (_, i) => (
          <Card key={i}>
            <BlockStack gap="300">
              <SkeletonBodyText lines={1} />
              <SkeletonDisplayText size="large" />
              <SkeletonBodyText lines={3} />
            </BlockStack>
          </Card>
        ))}
      </InlineGrid>
    </div>
  );
}
