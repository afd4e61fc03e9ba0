import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useT } from "~/i18n/I18nProvider";
import { Link, useLoaderData } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Box,
  Card,
  DataTable,
  InlineGrid,
  Layout,
  List,
  Page,
  Text,
} from "@shopify/polaris";
import { requireShop } from "~/auth/require-shop.server";
import { ChangeIndicator } from "~/components/ChangeIndicator";
import { KeyboardScrollable } from "~/components/KeyboardScrollable";
import { useExportAction } from "~/components/useExportAction";
import { BlankCell, ComparisonNote, ValueNote } from "~/components/ValueNote";
import { ClvStory } from "~/components/ClvStory";
import { clvKindOf } from "~/pages/clv-story";
import { loadClvStory } from "~/pages/clv-story.server";
import { RangeControls } from "~/components/RangeControls";
import { RouteError } from "~/components/RouteError";
import { SkeletonCards } from "~/components/SkeletonCards";
import { TrendChart } from "~/components/TrendChart";
import { useIsReloadingPage } from "~/components/useIsLoading";
import { db, readDb } from "~/db.server";
import { kpiBySlug } from "~/pages/kpi-catalog";
import { loadKpiDetail } from "~/pages/kpi-detail.server";
import { formatKpi, kpiChange } from "~/pages/kpi-format";
import { readViewState, viewSearch } from "~/pages/view-state";
import { importRunning, readImportProgress } from "~/sync/status.server";

export const meta: MetaFunction<typeof loader> = ({ data, params }) => [
  { title: `${data?.detail.entry.title ?? kpiBySlug(params.kpi)?.title ?? "KPI"} · Pulse KPI` },
];

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireShop(request);
  const entry = kpiBySlug(params.kpi);
  if (!entry) throw new Response("Unknown KPI", { status: 404 });
  const view = readViewState(new URL(request.url).searchParams);
  const clvKind = clvKindOf(entry.kpi);
  const [detail, progress, clvStory] = await Promise.all([
    loadKpiDetail(readDb(), shop.id, shop, entry, view),
    readImportProgress(db(), shop.id),
    clvKind ? loadClvStory(readDb(), shop.id, shop.timezone, view) : null,
  ]);
  // While history imports, the figures' time is true but the figures are not complete.
  return {
    currency: shop.currency,
    detail,
    importing: importRunning(progress.phase),
    clv: clvKind && clvStory ? { kind: clvKind, story: clvStory } : null,
  };
};

export default function KpiDetail() {
  const i18n = useT();
  const { currency, detail, importing, clv } = useLoaderData<typeof loader>();
  const entry = detail.entry;
  const reloading = useIsReloadingPage();
  const search = viewSearch(detail.view);
  const show = (value: number | null, format = entry.format) => formatKpi(value, format, currency, i18n);
  const exportCsv = useExportAction({
    url: `/app/kpi/${entry.slug}/csv${search}`,
    filename: `${entry.slug}-${detail.granularity}.csv`,
    label: `Export CSV of the ${entry.title} table`,
  });
  const comparisonName =
    detail.view.compare === "year"
      ? "Same period last year"
      : detail.view.compare === "none"
        ? "Comparison"
        : "Previous period";
  const tableHeadings = [
    "Period",
    entry.title,
    ...(entry.numerator ? [entry.numerator.label, entry.denominator!.label] : []),
    comparisonName,
  ];
  const tableRows = detail.rows.map((row) => [
    row.label,
    row.blank ? <BlankCell key="value" reason={row.blank} /> : show(row.value),
    ...(entry.numerator
      ? [show(row.numerator, entry.numerator.format), show(row.denominator, entry.denominator!.format)]
      : []),
    row.comparisonLabel && row.comparisonBlank ? (
      <span key="comparison">
        <BlankCell reason={row.comparisonBlank} /> ({row.comparisonLabel})
      </span>
    ) : row.comparisonLabel ? (
      `${show(row.comparison)} (${row.comparisonLabel})`
    ) : (
      "—"
    ),
  ]);
  return (
    <Page
      secondaryActions={[exportCsv.action]}
      title={entry.title}
      subtitle={`${detail.periodText}${
        importing
          ? " · figures incomplete until the history import finishes"
          : detail.freshness.computedText
            ? ` · figures as of ${detail.freshness.computedText}`
            : ""
      }`}
      backAction={{ content: "Store health", url: `/app${search}` }}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {exportCsv.error ? (
              <Banner tone="critical" title="The CSV could not be exported">
                <p>{exportCsv.error}</p>
              </Banner>
            ) : null}
            <Card>
              <RangeControls
                view={detail.view}
                days={detail.days}
                picker={detail.picker}
                customError={detail.rangeError}
              />
            </Card>
            {reloading ? (
              <SkeletonCards count={2} />
            ) : (
              <>
                <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
                  <Card>
                    <BlockStack gap="200">
                      <Text as="h2" variant="headingSm">
                        {detail.periodText}
                      </Text>
                      <div data-kpi-value="">
                        <Text as="p" variant="heading2xl">
                          {show(detail.value)}
                        </Text>
                      </div>
                      {/* A rate's base is the numerator ÷ denominator line below. */}
                      <ValueNote blank={detail.blank} base={null} />
                      {entry.numerator ? (
                        <div data-rate-base="">
                          <Text as="p">
                            = {show(detail.numerator, entry.numerator.format)}{" "}
                            {entry.numerator.label.toLowerCase()} ÷{" "}
                            {show(detail.denominator, entry.denominator!.format)}{" "}
                            {entry.denominator!.label.toLowerCase()}
                          </Text>
                        </div>
                      ) : null}
                      {detail.comparisons.some((c) => c.key === "previous") ? (
                        <>
                          <ChangeIndicator
                            change={kpiChange(
                              detail.value,
                              detail.previous,
                              entry.format,
                              entry.higherIsBetter,
                              i18n,
                            )}
                            against={`vs ${detail.previousText} (${show(detail.previous)})`}
                          />
                          <ComparisonNote periodText={detail.previousText} blank={detail.previousBlank} />
                        </>
                      ) : null}
                      <ChangeIndicator
                        change={kpiChange(
                          detail.value,
                          detail.yearAgo,
                          entry.format,
                          entry.higherIsBetter,
                          i18n,
                        )}
                        against={`vs ${detail.yearAgoText} (${show(detail.yearAgo)})`}
                      />
                      <ComparisonNote periodText={detail.yearAgoText} blank={detail.yearAgoBlank} />
                    </BlockStack>
                  </Card>
                  <Card>
                    <BlockStack gap="200">
                      <Text as="h2" variant="headingSm">
                        How it is calculated
                      </Text>
                      <Text as="p">{entry.formula}</Text>
                      {detail.parts.length > 0 ? (
                        <dl>
                          {detail.parts.map((part) => (
                            <div
                              key={part.label}
                              style={{ display: "flex", justifyContent: "space-between", gap: "1rem" }}
                            >
                              <dt>
                                <Text as="span" tone="subdued">
                                  {part.label}
                                </Text>
                              </dt>
                              <dd style={{ margin: 0 }}>
                                {part.blank ? (
                                  <BlankCell reason={part.blank} />
                                ) : (
                                  <Text as="span">{formatKpi(part.value, part.format, currency, i18n)}</Text>
                                )}
                              </dd>
                            </div>
                          ))}
                        </dl>
                      ) : null}
                    </BlockStack>
                  </Card>
                </InlineGrid>
                {clv ? <ClvStory story={clv.story} currency={currency} highlight={clv.kind} /> : null}
                <Card>
                  <BlockStack gap="300">
                    <Text as="h2" variant="headingMd">
                      Trend
                    </Text>
                    <TrendChart
                      points={detail.rows}
                      format={entry.format}
                      currency={currency}
                      title={entry.title}
                      comparisonName={comparisonName}
                    />
                  </BlockStack>
                </Card>
                <Card padding="0">
                  <Box padding="400">
                    <Text as="h2" variant="headingMd">
                      By period
                    </Text>
                  </Box>
                  <KeyboardScrollable label={`${entry.title} by period`}>
                    <DataTable
                      columnContentTypes={tableHeadings.map((_, i) => (i === 0 ? "text" : "numeric"))}
                      headings={tableHeadings}
                      rows={tableRows}
                      hoverable
                    />
                  </KeyboardScrollable>
                </Card>
              </>
            )}
            {entry.differsFromShopify ? (
              <Card>
                <BlockStack gap="200">
                  <Text as="h2" variant="headingMd">
                    Why this can differ from Shopify&apos;s report
                  </Text>
                  <List>
                    {entry.differsFromShopify.map((note) => (
                      <List.Item key={note}>{note}</List.Item>
                    ))}
                  </List>
                  <Text as="p" tone="subdued">
                    The activity window, grace time and refund date are set in{" "}
                    <Link to="/app/settings">Settings</Link>.
                  </Text>
                </BlockStack>
              </Card>
            ) : null}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export function ErrorBoundary() {
  return <RouteError pageTitle="KPI" />;
}
