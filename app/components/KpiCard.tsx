import { Link } from "@remix-run/react";
import { BlockStack, Card, InlineStack, Text } from "@shopify/polaris";
import type { DashboardCard } from "~/pages/dashboard.server";
import { formatKpi, kpiChange } from "~/pages/kpi-format";
import { ChangeIndicator } from "./ChangeIndicator";
import { Sparkline } from "./Sparkline";
import { ValueNote } from "./ValueNote";

/** One dashboard KPI: value, change against the previous period and last year, trend and definition. */
export function KpiCard({
  card,
  currency,
  search,
}: {
  card: DashboardCard;
  currency: string;
  search: string;
}) {
  const headingId = `kpi-${card.slug}-title`;
  return (
    <Card>
      <section aria-labelledby={headingId} data-kpi={card.slug}>
        <BlockStack gap="200">
          <Text as="h2" variant="headingSm" id={headingId}>
            <Link to={`/app/kpi/${card.slug}${search}`}>{card.title}</Link>
          </Text>
          <InlineStack align="space-between" blockAlign="end" wrap={false} gap="200">
            <div data-kpi-value="">
              <Text as="p" variant="headingXl">
                {formatKpi(card.value, card.format, currency)}
              </Text>
            </div>
            <Sparkline values={card.spark} />
          </InlineStack>
          <ValueNote blank={card.blank} base={card.base} />
          <BlockStack gap="050">
            <ChangeIndicator
              change={kpiChange(card.value, card.previous, card.format, card.higherIsBetter)}
              against="vs previous period"
            />
            <ChangeIndicator
              change={kpiChange(card.value, card.yearAgo, card.format, card.higherIsBetter)}
              against="vs last year"
            />
          </BlockStack>
          <Text as="p" variant="bodySm" tone="subdued">
            {card.summary}
          </Text>
        </BlockStack>
      </section>
    </Card>
  );
}
