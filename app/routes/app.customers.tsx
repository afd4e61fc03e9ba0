import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useNavigate } from "@remix-run/react";
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
  Select,
  Tabs,
  Text,
} from "@shopify/polaris";
import { requireShop } from "~/auth/require-shop.server";
import { useExportAction } from "~/components/useExportAction";
import { KeyboardScrollable } from "~/components/KeyboardScrollable";
import { ModelBacktestNote } from "~/components/ModelBacktestNote";
import { readModelBacktest } from "~/clv/model-backtest.server";
import { RouteError } from "~/components/RouteError";
import { SkeletonCards } from "~/components/SkeletonCards";
import { useIsReloadingPage } from "~/components/useIsLoading";
import { readDb } from "~/db.server";
import type { CustomerSort, Segment } from "~/pages/customer-segments";
import { CUSTOMER_SORTS, nextOrderText, SEGMENTS, segmentInfo } from "~/pages/customer-segments";
import type { CustomerQuery } from "~/pages/customers.server";
import { loadCustomers, readCustomerQuery } from "~/pages/customers.server";
import { formatKpi } from "~/pages/kpi-format";

export const meta: MetaFunction = () => [{ title: "Customers · Pulse KPI" }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireShop(request);
  const query = readCustomerQuery(new URL(request.url).searchParams);
  const [data, backtest] = await Promise.all([
    loadCustomers(readDb(), shop.id, shop.timezone, query),
    readModelBacktest(readDb(), shop.id),
  ]);
  return { currency: shop.currency, data, backtest };
};

/** The page's URL; `cursor` keeps Next and Previous on the rows next to this page (see loadCustomers). */
function querySearch(
  query: Pick<CustomerQuery, "segment" | "sort" | "page">,
  cursor?: { after?: string | null; before?: string | null },
): string {
  const params = new URLSearchParams();
  if (query.segment) params.set("segment", query.segment);
  if (query.sort !== "clv") params.set("sort", query.sort);
  if (query.page > 1) params.set("page", String(query.page));
  if (query.page > 1 && cursor?.after) params.set("after", cursor.after);
  if (query.page > 1 && cursor?.before) params.set("before", cursor.before);
  const text = params.toString();
  return text ? `?${text}` : "";
}

const TABS: readonly { id: Segment | "all"; label: string }[] = [
  { id: "all", label: "All" },
  ...SEGMENTS.map((s) => ({ id: s.value, label: s.label })),
];

export default function Customers() {
  const { currency, data, backtest } = useLoaderData<typeof loader>();
  const navigate = useNavigate();
  const reloading = useIsReloadingPage();
  const { model, query } = data;
  const go = (
    next: Pick<CustomerQuery, "segment" | "sort" | "page">,
    cursor?: { after?: string | null; before?: string | null },
  ) => navigate(querySearch(next, cursor) || "?", { replace: true, preventScrollReset: true });
  const money = (minor: number | null) => formatKpi(minor, "money", currency);
  const exportCsv = useExportAction({
    url: `/app/customers/csv${querySearch({ ...query, page: 1 })}`,
    filename: `customers-${query.segment ?? "all"}.csv`,
    label: "Export CSV of these customers",
  });
  const selectedTab = Math.max(
    0,
    TABS.findIndex((tab) => tab.id === (query.segment ?? "all")),
  );

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

  const rows = data.rows.map((row, index) => {
    const info = segmentInfo(row.segment);
    return (
      <IndexTable.Row id={row.key} key={row.key} position={index}>
        <IndexTable.Cell>
          <Text as="span" fontWeight="semibold">
            {row.name}
          </Text>
        </IndexTable.Cell>
        <IndexTable.Cell>
          <Badge tone={info.tone}>{info.label}</Badge>
        </IndexTable.Cell>
        <IndexTable.Cell>
          <Text as="span" alignment="end" numeric>
            {money(row.predictedClv)}
          </Text>
        </IndexTable.Cell>
        <IndexTable.Cell>
          <Text as="span" alignment="end" numeric>
            {formatKpi(row.pAlive, "percent", currency)}
          </Text>
        </IndexTable.Cell>
        <IndexTable.Cell>{nextOrderText(row.expectedOrders, model.horizonDays)}</IndexTable.Cell>
        <IndexTable.Cell>
          <Text as="span" alignment="end" numeric>
            {row.purchaseDays.toLocaleString("en")}
          </Text>
        </IndexTable.Cell>
        <IndexTable.Cell>
          <Text as="span" alignment="end" numeric>
            {row.daysSinceLastOrder.toLocaleString("en")}
          </Text>
        </IndexTable.Cell>
      </IndexTable.Row>
    );
  });

  return (
    <Page
      title="Customers"
      secondaryActions={[exportCsv.action]}
      subtitle={`Predicted over the next ${model.horizonDays} days · model fitted ${model.fittedText}`}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <ModelBacktestNote backtest={backtest} />
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
                    At risk or lost
                  </Text>
                  <Text as="p" variant="headingLg">
                    {(data.counts["at-risk"] + data.counts.lost).toLocaleString("en")}
                  </Text>
                  <Text as="p" variant="bodySm" tone="subdued">
                    {data.counts["at-risk"].toLocaleString("en")} still within reach
                  </Text>
                </BlockStack>
              </Card>
            </InlineGrid>
            <Card padding="0">
              <Tabs
                tabs={TABS.map((tab) => ({
                  id: `segment-${tab.id}`,
                  content: `${tab.label} (${data.counts[tab.id].toLocaleString("en")})`,
                  accessibilityLabel: `${tab.label} customers`,
                }))}
                selected={selectedTab}
                onSelect={(index) => {
                  const id = TABS[index]?.id ?? "all";
                  go({ ...query, segment: id === "all" ? null : id, page: 1 });
                }}
              />
              <Box padding="400">
                <Select
                  label="Sort by"
                  options={CUSTOMER_SORTS.map((s) => ({ label: s.label, value: s.value }))}
                  value={query.sort}
                  onChange={(sort) => go({ ...query, sort: sort as CustomerSort, page: 1 })}
                />
                {exportCsv.error ? (
                  <Box paddingBlockStart="200">
                    <Banner tone="critical" title="The CSV could not be exported">
                      <p>{exportCsv.error}</p>
                    </Banner>
                  </Box>
                ) : null}
              </Box>
              {reloading ? (
                <Box padding="400">
                  <SkeletonCards count={1} />
                </Box>
              ) : (
                <KeyboardScrollable label="Customers">
                  <IndexTable
                    resourceName={{ singular: "customer", plural: "customers" }}
                    itemCount={data.rows.length}
                    selectable={false}
                    headings={[
                      { title: "Customer" },
                      { title: "Segment" },
                      { title: "Predicted value", alignment: "end" },
                      { title: "Chance still active", alignment: "end" },
                      { title: "Next order (estimate)" },
                      { title: "Order days", alignment: "end" },
                      { title: "Days since last order", alignment: "end" },
                    ]}
                    emptyState={
                      <Box padding="400">
                        <Text as="p">No customers in this segment.</Text>
                      </Box>
                    }
                  >
                    {rows}
                  </IndexTable>
                </KeyboardScrollable>
              )}
              <Box padding="400">
                <InlineStack align="center">
                  <Pagination
                    label={`Page ${query.page}`}
                    hasPrevious={query.page > 1}
                    onPrevious={() => go({ ...query, page: query.page - 1 }, { before: data.previousCursor })}
                    hasNext={data.hasNext}
                    onNext={() => go({ ...query, page: query.page + 1 }, { after: data.nextCursor })}
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
                  Each customer&apos;s future is predicted from when and how often they ordered (the BG/NBD
                  and Gamma-Gamma models): the chance they are still an active customer, the orders expected
                  in the next {model.horizonDays} days and their likely value, net of refunds
                  {`, times your gross margin when it is set in Settings`}. &quot;Next order&quot; is a rough
                  average wait, not a date.
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
