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
import { nextOrderText, SEGMENTS, segmentInfo } from "~/pages/customer-segments";
import type { CustomerQuery, CustomerRowView } from "~/pages/customers.server";
import { loadCustomers, readCustomerQuery } from "~/pages/customers.server";
import { formatKpi } from "~/pages/kpi-format";
import { customerAdminUrl } from "~/shops/admin-link";

export const meta: MetaFunction = () => [{ title: "Customers · Pulse KPI" }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireShop(request);
  const query = readCustomerQuery(new URL(request.url).searchParams, shop.currency);
  const [data, backtest, clvStory] = await Promise.all([
    loadCustomers(readDb(), shop.id, shop.timezone, query),
    readModelBacktest(readDb(), shop.id),
    loadClvStory(readDb(), shop.id, shop.timezone),
  ]);
  return { currency: shop.currency, shopDomain: shop.domain, data, backtest, clvStory };
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
const HEADINGS: readonly { title: string; sort?: SortColumn; end?: boolean; tooltip?: string }[] = [
  { title: "Customer", sort: "name" },
  { title: "Segment" },
  { title: "Email" },
  { title: "Orders", sort: "orders", end: true },
  { title: "Spend to date", sort: "spent", end: true },
  { title: "Predicted value", sort: "clv", end: true },
  {
    title: "Lifetime value",
    end: true,
    tooltip: "Spend to date plus predicted value: the total expected lifetime value",
  },
  { title: "Last order", sort: "last-order" },
  { title: "Chance still active", sort: "risk", end: true },
];

/** "Mar 3, 2026" from a local day; UTC so the server and the browser print the same. */
const dayText = (day: string | null) =>
  day
    ? new Date(`${day}T00:00:00Z`).toLocaleDateString("en", {
        timeZone: "UTC",
        year: "numeric",
        month: "short",
        day: "numeric",
      })
    : "—";

const TABS: readonly { id: Segment | "all"; label: string }[] = [
  { id: "all", label: "All" },
  ...SEGMENTS.map((s) => ({ id: s.value, label: s.label })),
];

export default function Customers() {
  const i18n = useT();
  const { currency, shopDomain, data, backtest, clvStory } = useLoaderData<typeof loader>();
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
    label: "Export CSV of these customers",
  });
  const selectedTab = Math.max(
    0,
    TABS.findIndex((tab) => tab.id === (query.segment ?? "all")),
  );
  const sort = sortOf(query.sort);
  const sortColumnIndex = HEADINGS.findIndex((h) => h.sort === sort.column);
  const onSort = (index: number, direction: "ascending" | "descending") => {
    const column = HEADINGS[index]?.sort;
    if (column)
      go(querySearch({ ...query, sort: sortValue(column, direction === "descending"), page: 1 }, currency));
  };
  const first = (query.page - 1) * PAGE_SIZE + 1;
  const largeNote = data.largeSegment;
  const totalText = `${data.total.toLocaleString("en")}${data.totalCapped ? "+" : ""}`;
  const pagerLabel =
    data.rows.length === 0
      ? `No customers on this page, of ${totalText}`
      : `${first.toLocaleString("en")}–${(first + data.rows.length - 1).toLocaleString("en")} of ${totalText}`;
  const currencySymbol =
    new Intl.NumberFormat("en", { style: "currency", currency })
      .formatToParts(0)
      .find((part) => part.type === "currency")?.value ?? currency;

  if (model.status !== "ok") {
    return (
      <Page title="Customers">
        <Layout>
          <Layout.Section>
            <Banner
              tone={model.status === "failed" ? "critical" : "info"}
              title={
                model.status === "none"
                  ? "Predictions are not ready yet"
                  : model.status === "failed"
                    ? "The customer model could not be fitted"
                    : "Not enough order history for predictions yet"
              }
            >
              <BlockStack gap="200">
                {model.status === "none" ? (
                  <p>
                    The customer model runs every night once your store&apos;s history is imported. Come back
                    tomorrow.
                  </p>
                ) : (
                  <>
                    <p>
                      Predictions need at least 100 customers who ordered on two different days, and 180 days
                      of history, to be trustworthy. Your store has{" "}
                      {model.repeatCustomers.toLocaleString("en")} repeat customers out of{" "}
                      {model.customers.toLocaleString("en")}, over {model.historyDays.toLocaleString("en")}{" "}
                      days (checked {model.fittedText}).
                    </p>
                    {model.reason ? <p>Details: {model.reason}.</p> : null}
                  </>
                )}
                <p>
                  Meanwhile, the <Link to="/app/kpi/clv">lifetime value</Link> and{" "}
                  <Link to="/app/kpi/churn">churn</Link> pages work on any amount of history.
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
        accessibilityLabel={`${row.name} in Shopify admin`}
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
    const info = segmentInfo(row.segment);
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
                {`${money(row.spentMinor)} spent + ${money(row.predictedClv)} predicted = ${money(row.totalValue)}`}
              </Text>
              <Text as="span" tone="subdued">
                {`${row.orders.toLocaleString("en")} ${row.orders === 1 ? "order" : "orders"} · last ${dayText(row.lastOrderDay)} · ${formatKpi(row.pAlive, "percent", currency, i18n)} still active · next order ${nextOrderText(row.segment, row.expectedOrders, model.horizonDays)}`}
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
        <IndexTable.Cell>{row.email ?? "—"}</IndexTable.Cell>
        <IndexTable.Cell>
          <Text as="span" alignment="end" numeric>
            {row.orders.toLocaleString("en")}
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
        <IndexTable.Cell>{dayText(row.lastOrderDay)}</IndexTable.Cell>
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
      title="Customers"
      secondaryActions={[exportCsv.action]}
      subtitle={`Predicted over the next ${model.horizonDays} days · model fitted ${model.fittedText}`}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <ModelBacktestNote backtest={backtest} />
            <ClvStory story={clvStory} currency={currency} highlight="predictive" compact />
            <InlineGrid columns={{ xs: 1, sm: 3 }} gap="400">
              <Card>
                <BlockStack gap="100">
                  <Text as="h2" variant="headingSm">
                    Average predicted value
                  </Text>
                  <Text as="p" variant="headingLg">
                    {money(model.meanClv)}
                  </Text>
                  <Text as="p" variant="bodySm" tone="subdued">
                    Median {money(model.medianClv)} per customer
                  </Text>
                </BlockStack>
              </Card>
              <Card>
                <BlockStack gap="100">
                  <Text as="h2" variant="headingSm">
                    Customers modelled
                  </Text>
                  <Text as="p" variant="headingLg">
                    {data.counts.all.toLocaleString("en")}
                  </Text>
                  <Text as="p" variant="bodySm" tone="subdued">
                    {model.repeatCustomers.toLocaleString("en")} ordered more than once
                  </Text>
                </BlockStack>
              </Card>
              <Card>
                <BlockStack gap="100">
                  <Text as="h2" variant="headingSm">
                    At risk, lapsed or lost
                  </Text>
                  <Text as="p" variant="headingLg">
                    {(data.counts["at-risk"] + data.counts.lapsed + data.counts.lost).toLocaleString("en")}
                  </Text>
                  <Text as="p" variant="bodySm" tone="subdued">
                    {data.counts["at-risk"].toLocaleString("en")} still within reach
                  </Text>
                </BlockStack>
              </Card>
            </InlineGrid>
            <Card padding="0">
              {smDown ? null : (
                <Tabs
                  tabs={TABS.map((tab) => ({
                    id: `segment-${tab.id}`,
                    content: `${tab.label} (${data.counts[tab.id].toLocaleString("en")})`,
                    accessibilityLabel: `${tab.label} customers`,
                  }))}
                  selected={selectedTab}
                  onSelect={(index) => {
                    const id = TABS[index]?.id ?? "all";
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
                currencySymbol={currencySymbol}
                onChange={(change) => go(changedSearch(query, currency, change), change.kind === "search")}
              />
              {smDown ? (
                <Box padding="300">
                  <Select
                    label="Sort by"
                    options={CUSTOMER_SORTS.map((s) => ({ label: s.label, value: s.value }))}
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
                      <Banner tone="warning" title="Part of this address could not be used">
                        <List>
                          {query.problems.map((problem) => (
                            <List.Item key={problem}>{problem}</List.Item>
                          ))}
                        </List>
                      </Banner>
                    ) : null}
                    {exportCsv.error ? (
                      <Banner tone="critical" title="The CSV could not be exported">
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
                <KeyboardScrollable label="Customers">
                  <AriaSorted
                    column={sortColumnIndex < 0 ? null : sortColumnIndex}
                    direction={sort.descending ? "descending" : "ascending"}
                  >
                    <IndexTable
                      resourceName={{ singular: "customer", plural: "customers" }}
                      itemCount={data.rows.length}
                      selectable={false}
                      condensed={smDown}
                      headings={
                        HEADINGS.map((h) => ({
                          title: h.title,
                          alignment: h.end ? "end" : "start",
                          tooltipContent: h.tooltip,
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
                              ? "No customers match this search and these filters."
                              : "No customers in this segment."}
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
                  How to read this
                </Text>
                <Text as="p">
                  Each customer&apos;s future is predicted from when and how often they ordered (the purchase
                  model that best predicted your own recent weeks, with the Gamma-Gamma model for order
                  values): the chance they are still an active customer, the orders expected in the next{" "}
                  {model.horizonDays} days and their likely value, net of refunds
                  {`, times your gross margin when it is set in Settings`}. A segment combines that chance,
                  the orders expected, and the time since the last order compared with the customer&apos;s own
                  usual gap between orders. &quot;Next order&quot; is a rough average wait, not a date; it
                  says &quot;not expected&quot; for Lost customers.
                </Text>
                <List>
                  {SEGMENTS.map((s) => (
                    <List.Item key={s.value}>
                      <Text as="span" fontWeight="semibold">
                        {s.label}:
                      </Text>{" "}
                      {s.rule} {s.action}
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

export function ErrorBoundary() {
  return <RouteError pageTitle="Customers" />;
}
