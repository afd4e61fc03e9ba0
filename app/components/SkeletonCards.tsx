import { BlockStack, Card, InlineGrid, SkeletonBodyText, SkeletonDisplayText } from "@shopify/polaris";
import { useT } from "~/i18n/I18nProvider";

/** Placeholders of the same size as the KPI cards, shown while a new range loads (no layout shift). */
export function SkeletonCards({ count }: { count: number }) {
  const i18n = useT();
  return (
    <div aria-busy="true" aria-label={i18n.t("dashboard.loading")}>
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
