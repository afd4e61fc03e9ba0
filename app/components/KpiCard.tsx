import { Link } from "@remix-run/react";
import { useT } from "~/i18n/I18nProvider";
import { Fragment } from "react";
import { BlockStack, Card, InlineStack, Text } from "@shopify/polaris";
import type { CardComparison } from "~/pages/card-comparisons";
import type { DashboardCard } from "~/pages/dashboard.server";
import { formatKpi, kpiChange } from "~/pages/kpi-format";
import { ChangeIndicator } from "./ChangeIndicator";
import { CardChart } from "./CardChart";
import { ComparisonNote, ValueNote } from "./ValueNote";

/** One dashboard KPI: value, change against the previous period and last year, chart and definition. */
export function KpiCard({
  card,
  currency,
  search,
  comparisons,
}: {
  card: DashboardCard;
  currency: string;
  search: string;
  comparisons: readonly CardComparison[];
}) {
  const i18n = useT();
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
                {formatKpi(card.value, card.format, currency, i18n)}
              </Text>
            </div>
          </InlineStack>
          <ValueNote blank={card.blank} base={card.base} />
          <BlockStack gap="050">
            {comparisons.map(({ key, against, name }) => (
              <Fragment key={key}>
                <ChangeIndicator
                  change={kpiChange(card.value, card[key], card.format, card.higherIsBetter, i18n)}
                  against={against}
                />
                <ComparisonNote
                  periodText={name}
                  blank={key === "previous" ? card.previousBlank : card.yearAgoBlank}
                />
              </Fragment>
            ))}
          </BlockStack>
          <CardChart chart={card.chart} title={card.title} format={card.format} currency={currency} />
          {card.explanation ? (
            <Text as="p" variant="bodySm">
              {card.explanation}
            </Text>
          ) : null}
          <Text as="p" variant="bodySm" tone="subdued">
            {card.summary}
          </Text>
        </BlockStack>
      </section>
    </Card>
  );
}
