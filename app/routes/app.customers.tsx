import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useT } from "~/i18n/I18nProvider";
import { Link, useLoaderData, useNavigate } from "@remix-run/react";
import type { IndexTableProps } from "@shopify/polaris";
import {
  Badge,
  Banner,
  BlockStack,
  Box,
  Card,
  IndexTable,
  InlineGrid,
  InlineStack,
  Layout,
  List,
  Page,
  Pagination,
  Link as PolarisLink,
  Select,
  Tabs,
  Text,
  useBreakpoints,
} from "@shopify/polaris";
import { requireShop } from "~/auth/require-shop.server";
import { AriaSorted } from "~/components/AriaSorted";
import type { FilterChange } from "~/components/CustomerFilters";
import { CustomerFilters } from "~/components/CustomerFilters";
import { useExportAction } from "~/components/useExportAction";
import { KeyboardScrollable } from "~/components/KeyboardScrollable";
import { ModelBacktestNote } from "~/components/ModelBacktestNote";
import { ClvStory } from "~/components/ClvStory";
import { loadClvStory } from "~/pages/clv-story.server";
import { readModelBacktest } from "~/clv/model-backtest.server";
import { RouteError } from "~/components/RouteError";
import { SkeletonCards } from "~/components/SkeletonCards";
import { useIsReloadingPage } from "~/components/useIsLoading";
import { readDb } from "~/db.server";
import type { CustomerSort, SortColumn } from "~/pages/customer-query";
import {
  CUSTOMER_SORTS,
  filterParams,
  narrowed,
  PAGE_SIZE,
  RANGE_PARAMS,
  rangeTexts,
  sortOf,
  sortValue,
} from "~/pages/customer-query";
import type { Segment } from "~/pages/customer-segments";
import { SEGMENTS, segmentInfo, segmentInfos } from "~/pages/customer-segments";
import { dayText, rowSummary } from "~/pages/customer-row";
import type { MessageId } from "~/i18n/message-id";
import type { CustomerQuery, CustomerRowView } from "~/pages/customers.server";
import { loadCustomers, readCustomerQuery } from "~/pages/customers.server";
import { formatKpi } from "~/pages/kpi-format";
import { customerAdminUrl } from "~/shops/admin-link";

// The document title comes with the loader's data, in the reader's language.
export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? [{ title: data.documentTitle }] : []);

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, i18n } = await requireShop(request);
  const query = readCustomerQuery(new URL(request.url).searchParams, shop.currency, i18n);
  const [data, backtest, clvStory] = await Promise.all([
    loadCustomers(readDb(), shop.id, shop.timezone, query, i18n),
    readModelBacktest(readDb(), shop.id),
    loadClvStory(readDb(), shop.id, shop.timezone, i18n),
  ]);
  return {
    currency: shop.currency,
    timezone: shop.timezone,
    shopDomain: shop.domain,
    data,
    backtest,
    clvStory,
    documentTitle: i18n.t("customers.meta.title"),
  };
};

/** The page's URL; `cursor` keeps Next and Previous on the rows next to this page (see loadCustomers). */
function querySearch(
  query: CustomerQuery,
  currency: string,
  cursor?: { after?: string | null; before?: string | null },
): string {
  const params = filterParams(query, query.sort, currency);
  if (query.page > 1) params.set("page", String(query.page));
  if (query.page > 1 && cursor?.after) params.set("after", cursor.after);
  if (query.page > 1 && cursor?.before) params.set("before", cursor.before);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** The view after a change of search or filters: back to page 1; bounds go to the URL as typed (the loader checks them). */
function changedSearch(query: CustomerQuery, currency: string, change: FilterChange): string {
  const params = filterParams(
    change.kind === "clear"
      ? {
          ...query,
          search: "",
          segment: null,
          spent: NONE,
          predicted: NONE,
          orders: NONE,
          lastOrder: NO_DAYS,
        }
      : query,
    query.sort,
    currency,
  );
  const put = (name: string, value: string) => (value ? params.set(name, value) : params.delete(name));
  if (change.kind === "search") put("q", change.value.trim());
  if (change.kind === "segment") put("segment", change.value ?? "");
  if (change.kind === "range") {
    const [from, to] = RANGE_PARAMS[change.name];
    put(from, change.from.trim());
    put(to, change.to.trim());
  }
  const text = params.toString();
  return text ? `?${text}` : "?";
}
const NONE = { min: null, max: null };
const NO_DAYS = { from: null, to: null };

/** The table's headings; the sortable ones carry the column they sort by. */
const HEADINGS: readonly { title: MessageId; sort?: SortColumn; end?: boolean; tooltip?: MessageId }[] = [
  { title: "customers.heading.customer", sort: "name" },
  { title: "customers.heading.segment" },
  { title: "customers.heading.email" },
  { title: "customers.heading.orders", sort: "orders", end: true },
  { title: "customers.heading.spent", sort: "spent", end: true },
  { title: "customers.heading.predicted", sort: "clv", end: true },
  { title: "customers.heading.lifetime", end: true, tooltip: "customers.heading.lifetimeTip" },
  { title: "customers.heading.lastOrder", sort: "last-order" },
  { title: "customers.heading.chance", sort: "risk", end: true },
];

const TAB_IDS: readonly (Segment | "all")[] = ["all", ...SEGMENTS.map((s) => s.value)];

export default function Customers() {
  const i18n = useT();
  const { currency, shopDomain, data, backtest, clvStory } = useLoaderData<typeof loader>();
  const tabLabel = (id: Segment | "all") =>
    id === "all" ? i18n.t("customers.tabs.all") : segmentInfo(id, i18n).label;
  const navigate = useNavigate();
  const reloading = useIsReloadingPage();
  const { smDown } = useBreakpoints();
  const { model, query } = data;
  const go = (search: string, replace = false) =>
    navigate(search || "?", { replace, preventScrollReset: true });
  const goPage = (page: number, cursor?: { after?: string | null; before?: string | null }) =>
    go(querySearch({ ...query, page }, currency, cursor), true);
  const money = (minor: number | null) => formatKpi(minor, "money", currency, i18n);
  const exportCsv = useExportAction({
    url: `/app/customers/csv${querySearch({ ...query, page: 1 }, currency)}`,
    filename: `customers-${query.segment ?? "all"}.csv`,
    label: i18n.t("customers.export.label"),
  });
  const selectedTab = Math.max(0, TAB_IDS.indexOf(query.segment ?? "all"));
  const sort = sortOf(query.sort);
  const sortColumnIndex = HEADINGS.findIndex((h) => h.sort === sort.column);
  const onSort = (index: number, direction: "ascending" | "descending") => {
    const column = HEADINGS[index]?.sort;
    if (column)
      go(querySearch({ ...query, sort: sortValue(column, direction === "descending"), page: 1 }, currency));
  };
  const first = (query.page - 1) * PAGE_SIZE + 1;
  const largeNote = data.largeSegment;
  const total = { total: data.total, capped: data.totalCapped ? "yes" : "no" };
  const pagerLabel =
    data.rows.length === 0
      ? i18n.t("customers.pager.empty", total)
      : i18n.t("customers.pager.range", { first, last: first + data.rows.length - 1, ...total });
  const currencySymbol =
    new Intl.NumberFormat(i18n.formatLocale, { style: "currency", currency })
      .formatToParts(0)
      .find((part) => part.type === "currency")?.value ?? currency;

  if (model.status !== "ok") {
    return (
      <Page title={i18n.t("customers.page.title")}>
        <Layout>
          <Layout.Section>
            <Banner
              tone={model.status === "failed" ? "critical" : "info"}
              title={i18n.t(`customers.model.${model.status}.title`)}
            >
              <BlockStack gap="200">
                {model.status === "none" ? (
                  <p>{i18n.t("customers.model.none.body")}</p>
                ) : (
                  <>
                    <p>
                      {i18n.t("customers.model.insufficient.body", {
                        repeat: model.repeatCustomers,
                        customers: model.customers,
                        days: model.historyDays,
                        fitted: model.fittedText,
                      })}
                    </p>
                    {model.reason ? (
                      <p>{i18n.t("customers.model.details", { reason: model.reason })}</p>
                    ) : null}
                  </>
                )}
                <p>
                  {i18n.rich("customers.model.meanwhile", {
                    clv: (chunks) => <Link to="/app/kpi/clv">{chunks}</Link>,
                    churn: (chunks) => <Link to="/app/kpi/churn">{chunks}</Link>,
                  })}
                </p>
              </BlockStack>
            </Banner>
          </Layout.Section>
        </Layout>
      </Page>
    );
  }

  const nameCell = (row: CustomerRowView) =>
    row.customerId ? (
      <PolarisLink
        url={customerAdminUrl(shopDomain, row.customerId)}
        target="_top"
        removeUnderline
        accessibilityLabel={i18n.t("customers.row.adminLink", { name: row.name })}
      >
        <Text as="span" fontWeight="semibold">
          {row.name}
        </Text>
      </PolarisLink>
    ) : (
      <Text as="span" fontWeight="semibold">
        {row.name}
      </Text>
    );

  const rows = data.rows.map((row, index) => {
    const info = segmentInfo(row.segment, i18n);
    if (smDown)
      return (
        <IndexTable.Row id={row.key} key={row.key} position={index}>
          <Box padding="300">
            <BlockStack gap="100">
              <InlineStack align="space-between" gap="200" blockAlign="center">
                {nameCell(row)}
                <Badge tone={info.tone}>{info.label}</Badge>
              </InlineStack>
              {row.email ? (
                <Text as="span" tone="subdued" breakWord>
                  {row.email}
                </Text>
              ) : null}
              <Text as="span">
                {i18n.t("customers.row.value", {
                  spent: money(row.spentMinor),
                  predicted: money(row.predictedClv),
                  total: money(row.totalValue),
                })}
              </Text>
              <Text as="span" tone="subdued">
                {rowSummary(row, model.horizonDays, currency, i18n)}
              </Text>
            </BlockStack>
          </Box>
        </IndexTable.Row>
      );
    return (
      <IndexTable.Row id={row.key} key={row.key} position={index}>
        <IndexTable.Cell>{nameCell(row)}</IndexTable.Cell>
        <IndexTable.Cell>
          <Badge tone={info.tone}>{info.label}</Badge>
        </IndexTable.Cell>
        <IndexTable.Cell>{row.email ?? i18n.t("common.value.undefined")}</IndexTable.Cell>
        <IndexTable.Cell>
          <Text as="span" alignment="end" numeric>
            {i18n.intl.formatNumber(row.orders)}
          </Text>
        </IndexTable.Cell>
        <IndexTable.Cell>
          <Text as="span" alignment="end" numeric>
            {money(row.spentMinor)}
          </Text>
        </IndexTable.Cell>
        <IndexTable.Cell>
          <Text as="span" alignment="end" numeric>
            {money(row.predictedClv)}
          </Text>
        </IndexTable.Cell>
        <IndexTable.Cell>
          <Text as="span" alignment="end" numeric fontWeight="semibold">
            {money(row.totalValue)}
          </Text>
        </IndexTable.Cell>
        <IndexTable.Cell>{dayText(row.lastOrderDay, i18n)}</IndexTable.Cell>
        <IndexTable.Cell>
          <Text as="span" alignment="end" numeric>
            {formatKpi(row.pAlive, "percent", currency, i18n)}
          </Text>
        </IndexTable.Cell>
      </IndexTable.Row>
    );
  });

  return (
    <Page
      fullWidth
      title={i18n.t("customers.page.title")}
      secondaryActions={[exportCsv.action]}
      subtitle={i18n.t("customers.page.subtitle", { days: model.horizonDays, fitted: model.fittedText })}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <ModelBacktestNote backtest={backtest} />
            <ClvStory story={clvStory} currency={currency} highlight="predictive" compact />
            <InlineGrid columns={{ xs: 1, sm: 3 }} gap="400">
              <SummaryCard
                title={i18n.t("customers.card.mean.title")}
                value={money(model.meanClv)}
                note={i18n.t("customers.card.mean.median", { value: money(model.medianClv) })}
              />
              <SummaryCard
                title={i18n.t("customers.card.modelled.title")}
                value={i18n.intl.formatNumber(data.counts.all)}
                note={i18n.t("customers.card.modelled.repeat", { count: model.repeatCustomers })}
              />
              <SummaryCard
                title={i18n.t("customers.card.risk.title")}
                value={i18n.intl.formatNumber(data.counts["at-risk"] + data.counts.lapsed + data.counts.lost)}
                note={i18n.t("customers.card.risk.reach", { count: data.counts["at-risk"] })}
              />
            </InlineGrid>
            <Card padding="0">
              {smDown ? null : (
                <Tabs
                  tabs={TAB_IDS.map((id) => ({
                    id: `segment-${id}`,
                    content: i18n.t("customers.tabs.content", {
                      label: tabLabel(id),
                      count: data.counts[id],
                    }),
                    accessibilityLabel: i18n.t("customers.tabs.a11y", { label: tabLabel(id) }),
                  }))}
                  selected={selectedTab}
                  onSelect={(index) => {
                    const id = TAB_IDS[index] ?? "all";
                    go(changedSearch(query, currency, { kind: "segment", value: id === "all" ? null : id }));
                  }}
                />
              )}
              {largeNote ? (
                <Box paddingInline="300" paddingBlockStart="200">
                  <Text as="p" tone="subdued">
                    {largeNote}
                  </Text>
                </Box>
              ) : null}
              <CustomerFilters
                filters={query}
                texts={rangeTexts(query, currency)}
                currency={currency}
                currencySymbol={currencySymbol}
                onChange={(change) => go(changedSearch(query, currency, change), change.kind === "search")}
              />
              {smDown ? (
                <Box padding="300">
                  <Select
                    label={i18n.t("customers.sort.label")}
                    options={CUSTOMER_SORTS.map((s) => ({ label: s.label(i18n), value: s.value }))}
                    value={query.sort}
                    onChange={(value: CustomerSort) =>
                      go(querySearch({ ...query, sort: value, page: 1 }, currency))
                    }
                  />
                </Box>
              ) : null}
              {query.problems.length > 0 || exportCsv.error ? (
                <Box padding="300">
                  <BlockStack gap="200">
                    {query.problems.length > 0 ? (
                      <Banner tone="warning" title={i18n.t("customers.problems.title")}>
                        <List>
                          {query.problems.map((problem) => (
                            <List.Item key={problem}>{problem}</List.Item>
                          ))}
                        </List>
                      </Banner>
                    ) : null}
                    {exportCsv.error ? (
                      <Banner tone="critical" title={i18n.t("customers.export.failed")}>
                        <p>{exportCsv.error}</p>
                      </Banner>
                    ) : null}
                  </BlockStack>
                </Box>
              ) : null}
              {reloading ? (
                <Box padding="400">
                  <SkeletonCards count={1} />
                </Box>
              ) : (
                <KeyboardScrollable label={i18n.t("customers.page.title")}>
                  <AriaSorted
                    column={sortColumnIndex < 0 ? null : sortColumnIndex}
                    direction={sort.descending ? "descending" : "ascending"}
                  >
                    <IndexTable
                      resourceName={{
                        singular: i18n.t("customers.table.resourceSingular"),
                        plural: i18n.t("customers.table.resourcePlural"),
                      }}
                      itemCount={data.rows.length}
                      selectable={false}
                      condensed={smDown}
                      headings={
                        HEADINGS.map((h) => ({
                          title: i18n.t(h.title),
                          alignment: h.end ? "end" : "start",
                          tooltipContent: h.tooltip ? i18n.t(h.tooltip) : undefined,
                        })) as IndexTableProps["headings"]
                      }
                      sortable={HEADINGS.map((h) => h.sort !== undefined)}
                      sortColumnIndex={sortColumnIndex < 0 ? undefined : sortColumnIndex}
                      sortDirection={sort.descending ? "descending" : "ascending"}
                      onSort={onSort}
                      emptyState={
                        <Box padding="400">
                          <Text as="p">
                            {narrowed(query)
                              ? i18n.t("customers.empty.narrowed")
                              : i18n.t("customers.empty.segment")}
                          </Text>
                        </Box>
                      }
                    >
                      {rows}
                    </IndexTable>
                  </AriaSorted>
                </KeyboardScrollable>
              )}
              <Box padding="400">
                <InlineStack align="center">
                  <Pagination
                    label={pagerLabel}
                    hasPrevious={query.page > 1}
                    onPrevious={() => goPage(query.page - 1, { before: data.previousCursor })}
                    hasNext={data.hasNext}
                    onNext={() => goPage(query.page + 1, { after: data.nextCursor })}
                  />
                </InlineStack>
              </Box>
            </Card>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  {i18n.t("customers.help.title")}
                </Text>
                <Text as="p">{i18n.t("customers.help.body", { days: model.horizonDays })}</Text>
                <List>
                  {segmentInfos(i18n).map((s) => (
                    <List.Item key={s.value}>
                      {i18n.rich("customers.help.segment", {
                        label: s.label,
                        rule: s.rule,
                        action: s.action,
                        name: (chunks) => (
                          <Text as="span" fontWeight="semibold">
                            {chunks}
                          </Text>
                        ),
                      })}
                    </List.Item>
                  ))}
                </List>
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

/** One figure of the summary row: its name, the figure, and a line that puts it in context. */
function SummaryCard({ title, value, note }: { title: string; value: string; note: string }) {
  return (
    <Card>
      <BlockStack gap="100">
        <Text as="h2" variant="headingSm">
          {title}
        </Text>
        <Text as="p" variant="headingLg">
          {value}
        </Text>
        <Text as="p" variant="bodySm" tone="subdued">
          {note}
        </Text>
      </BlockStack>
    </Card>
  );
}

export function ErrorBoundary() {
  const i18n = useT();
  return <RouteError pageTitle={i18n.t("customers.page.title")} />;
}
