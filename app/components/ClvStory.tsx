import { Link } from "@remix-run/react";
import { Badge, BlockStack, Box, Card, InlineGrid, InlineStack, Text } from "@shopify/polaris";
import type { ClvKind, ClvStory as Story } from "~/pages/clv-story";
import { CLV_PAGES, CLV_STORY_EN } from "~/pages/clv-story";
import { useT } from "~/i18n/I18nProvider";
import { formatKpi } from "~/pages/kpi-format";

/**
 * Historical, formula and predictive CLV side by side, each with what it measures and how it relates to
 * the others. `highlight` marks the figure of the page being viewed; `compact` (the Customers page
 * header) keeps each figure to its name, value and one line.
 */
export function ClvStory({
  story,
  currency,
  highlight,
  compact = false,
}: {
  story: Story;
  currency: string;
  highlight?: ClvKind;
  compact?: boolean;
}) {
  const i18n = useT();
  return (
    <Card>
      <section aria-labelledby="clv-story-heading" data-clv-story="">
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd" id="clv-story-heading">
            {story.heading}
          </Text>
          <InlineGrid columns={{ xs: 1, md: 3 }} gap="300">
            {story.figures.map((figure) => {
              const current = figure.kind === highlight;
              return (
                <Box
                  key={figure.kind}
                  padding="300"
                  borderRadius="200"
                  borderWidth={current ? "050" : "025"}
                  borderColor={current ? "border-emphasis" : "border"}
                  background={current ? "bg-surface-secondary" : undefined}
                >
                  <div data-clv-figure={figure.kind} aria-current={current ? "true" : undefined}>
                    <BlockStack gap="100">
                      <InlineStack gap="200" blockAlign="center" wrap>
                        <Text as="h3" variant="headingSm">
                          {current ? figure.label : <Link to={CLV_PAGES[figure.kind]}>{figure.label}</Link>}
                        </Text>
                        {current && <Badge tone="info">{CLV_STORY_EN.highlighted}</Badge>}
                      </InlineStack>
                      <Text as="p" variant={compact ? "headingMd" : "headingLg"}>
                        {formatKpi(figure.value, "money", currency, i18n)}
                      </Text>
                      {figure.blank && (
                        <div data-blank-reason="">
                          <Text as="p" variant="bodySm" tone="caution">
                            {figure.blank}
                          </Text>
                        </div>
                      )}
                      <Text as="p" variant="bodySm">
                        {figure.measures}
                      </Text>
                      {!compact && (
                        <Text as="p" variant="bodySm" tone="subdued">
                          {figure.relation}
                        </Text>
                      )}
                      {!compact && figure.profitNote && (
                        <Text as="p" variant="bodySm" tone="subdued">
                          {figure.profitNote}
                        </Text>
                      )}
                    </BlockStack>
                  </div>
                </Box>
              );
            })}
          </InlineGrid>
          <Text as="p" variant="bodySm">
            {story.use}
          </Text>
          {story.revenueNote && (
            <Text as="p" variant="bodySm" tone="subdued">
              {story.revenueNote} <Link to="/app/settings">{CLV_STORY_EN.setMargin}</Link>
              {CLV_STORY_EN.setMarginAfter}
            </Text>
          )}
          {story.marginStale && (
            <Text as="p" variant="bodySm" tone="caution">
              {story.marginStale}
            </Text>
          )}
        </BlockStack>
      </section>
    </Card>
  );
}
