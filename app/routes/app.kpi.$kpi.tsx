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
import { kpiIdBySlug } from "~/pages/kpi-catalog";
import { loadKpiDetail } from "~/pages/kpi-detail.server";
import { formatKpi, kpiChange } from "~/pages/kpi-format";
import { readViewState, viewSearch } from "~/pages/view-state";
import { importRunning, readImportProgress } from "~/sync/status.server";
import type { loader as appLoader } from "./app";

// The document title comes with the loader's data, in the reader's language; an error page (no data) takes
// its title from the app layout's messages.
export const meta: MetaFunction<typeof loader, { "routes/app": typeof appLoader }> = ({ data, matches }) => {
  const fallback = matches.find((match) => match.id === "routes/app")?.data?.messages[
    "kpiPage.meta.fallback"
  ];
  const title = data?.documentTitle ?? fallback;
  return title ? [{ title }] : [];
};

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop, i18n } = await requireShop(request);
  const kpi = kpiIdBySlug(params.kpi);
  if (!kpi) throw new Response(i18n.t("kpiPage.unknownKpi"), { status: 404 });
  const view = readViewState(new URL(request.url).searchParams);
  const clvKind = clvKindOf(kpi);
  const [detail, progress, clvStory] = await Promise.all([
    loadKpiDetail(readDb(), shop.id, shop, kpi, view, i18n),
    readImportProgress(db(), shop.id),
    clvKind ? loadClvStory(readDb(), shop.id, shop.timezone, view, i18n) : null,
  ]);
  // While history imports, the figures' time is true but the figures are not complete.
  return {
    currency: shop.currency,
    detail,
    importing: importRunning(progress.phase),
    clv: clvKind && clvStory ? { kind: clvKind, story: clvStory } : null,
    documentTitle: i18n.t("kpiPage.meta.title", { title: detail.entry.title }),
  };
};

/** A rate's part as it reads inside a sentence: "Abandoned checkouts" → "abandoned checkouts", "CAC" stays. */
function inSentence(label: string, locale: string): string {
  const [first = "", second = ""] = label;
  return second && second === second.toLocaleUpperCase(locale) && second !== second.toLocaleLowerCase(locale)
    ? label
    : first.toLocaleLowerCase(locale) + label.slice(1);
}

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
    label: i18n.t("kpiPage.export.label", { title: entry.title }),
  });
  const comparisonName = i18n.t(
    detail.view.compare === "year"
      ? "kpiPage.comparison.year"
      : detail.view.compare === "none"
        ? "kpiPage.comparison.none"
        : "kpiPage.comparison.previous",
  );
  const tableHeadings = [
    i18n.t("kpiPage.table.period"),
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
      i18n.t("kpiPage.table.comparison", { value: show(row.comparison), period: row.comparisonLabel })
    ) : (
      "—"
    ),
  ]);
  return (
    <Page
      secondaryActions={[exportCsv.action]}
      title={entry.title}
      subtitle={
        importing
          ? i18n.t("kpiPage.subtitle.importing", { period: detail.periodText })
          : detail.freshness.computedText
            ? i18n.t("kpiPage.subtitle.asOf", {
                period: detail.periodText,
                time: detail.freshness.computedText,
              })
            : i18n.t("kpiPage.subtitle.plain", { period: detail.periodText })
      }
      backAction={{ content: i18n.t("common.nav.storeHealth"), url: `/app${search}` }}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {exportCsv.error ? (
              <Banner tone="critical" title={i18n.t("kpiPage.export.error")}>
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
                            {i18n.t("kpiPage.rateBase", {
                              numerator: show(detail.numerator, entry.numerator.format),
                              numeratorLabel: inSentence(entry.numerator.label, i18n.formatLocale),
                              denominator: show(detail.denominator, entry.denominator!.format),
                              denominatorLabel: inSentence(entry.denominator!.label, i18n.formatLocale),
                            })}
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
                            against={i18n.t("kpiPage.against", {
                              period: detail.previousText,
                              value: show(detail.previous),
                            })}
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
                        against={i18n.t("kpiPage.against", {
                          period: detail.yearAgoText,
                          value: show(detail.yearAgo),
                        })}
                      />
                      <ComparisonNote periodText={detail.yearAgoText} blank={detail.yearAgoBlank} />
                    </BlockStack>
                  </Card>
                  <Card>
                    <BlockStack gap="200">
                      <Text as="h2" variant="headingSm">
                        {i18n.t("kpiPage.formula.heading")}
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
                      {i18n.t("kpiPage.trend.heading")}
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
                      {i18n.t("kpiPage.table.heading")}
                    </Text>
                  </Box>
                  <KeyboardScrollable label={i18n.t("kpiPage.table.label", { title: entry.title })}>
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
                    {i18n.t("kpiPage.differs.heading")}
                  </Text>
                  <List>
                    {entry.differsFromShopify.map((note) => (
                      <List.Item key={note}>{note}</List.Item>
                    ))}
                  </List>
                  <Text as="p" tone="subdued">
                    {i18n.rich("kpiPage.differs.settings", {
                      link: (chunks) => (
                        <Link key="settings" to="/app/settings">
                          {chunks}
                        </Link>
                      ),
                    })}
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
  const i18n = useT();
  return <RouteError pageTitle={i18n.t("kpiPage.error.pageTitle")} />;
}
