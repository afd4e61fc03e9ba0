/**
 * The Admin GraphQL documents the backfill (bulk operations) and reconciliation (paginated queries)
 * send. Both select the same fields, so one normaliser reads either. Bulk queries may not paginate
 * nested connections and allow at most five connections two levels deep: orders has exactly five
 * (orders, lineItems, shippingLines, refundLineItems, refundShippingLines); `refunds` is a list.
 * Each document is a `#graphql` template, and the ones built from parts are exported whole, so
 * test/graphql/admin-documents.test.ts can validate every one against Shopify's published schema.
 */
export type SyncResource = "customers" | "orders" | "checkouts";
export const SYNC_RESOURCES: readonly SyncResource[] = ["customers", "orders", "checkouts"];

type Connection = (name: string, body: string) => string;

const bulkConnection: Connection = (name, body) => `${name} { edges { node { ${body} } } }`;
const pageConnection =
  (first: number): Connection =>
  (name, body) =>
    `${name}(first: ${first}) { nodes { ${body} } }`;

const money = "shopMoney { amount currencyCode }";
const taxLines = `taxLines { priceSet { ${money} } }`;

const orderFields = (connection: Connection) => `
  id name email createdAt updatedAt processedAt cancelledAt test currencyCode presentmentCurrencyCode
  taxesIncluded sourceName checkoutToken cartToken
  customer { id }
  totalDiscountsSet { ${money} } totalShippingPriceSet { ${money} } totalTaxSet { ${money} }
  originalTotalDutiesSet { ${money} } totalPriceSet { ${money} }
  ${connection("lineItems", `id quantity originalUnitPriceSet { ${money} } totalDiscountSet { ${money} } ${taxLines} product { id } variant { id }`)}
  ${connection("shippingLines", `id ${taxLines}`)}
  refunds {
    id createdAt duties { amountSet { ${money} } }
    ${connection("refundLineItems", `id quantity subtotalSet { ${money} } totalTaxSet { ${money} }`)}
    ${connection("refundShippingLines", `id subtotalAmountSet { ${money} } taxAmountSet { ${money} }`)}
  }`;

const customerFields = "id defaultEmailAddress { emailAddress } firstName lastName state createdAt updatedAt";
const checkoutFields = `id abandonedCheckoutUrl createdAt updatedAt completedAt customer { id defaultEmailAddress { emailAddress } } totalPriceSet { ${money} }`;

const rootField: Record<SyncResource, string> = { customers: "customers", orders: "orders", checkouts: "abandonedCheckouts" };

const fields = (resource: SyncResource, connection: Connection) =>
  resource === "orders" ? orderFields(connection) : resource === "customers" ? customerFields : checkoutFields;

const perResource = (document: (resource: SyncResource) => string) =>
  Object.fromEntries(SYNC_RESOURCES.map((resource) => [resource, document(resource)])) as Record<SyncResource, string>;

/** The inner query of bulkOperationRunQuery: every record of the resource (Shopify applies scope limits). */
export const BULK_QUERIES = perResource(
  (resource) => `#graphql
  { ${rootField[resource]} { edges { node { ${fields(resource, bulkConnection)} } } } }`,
);

export const bulkQueryFor = (resource: SyncResource): string => BULK_QUERIES[resource];

export const BULK_RUN_MUTATION = `#graphql
  mutation RunBulkQuery($query: String!) {
    bulkOperationRunQuery(query: $query, groupObjects: true) {
      bulkOperation { id status }
      userErrors { field message code }
    }
  }`;

export const BULK_OPERATION_QUERY = `#graphql
  query BulkOperationStatus($id: ID!) {
    node(id: $id) {
      ... on BulkOperation { id status errorCode objectCount rootObjectCount fileSize url partialDataUrl createdAt completedAt }
    }
  }`;

export const ACCESS_SCOPES_QUERY = `#graphql
  query AccessScopes { currentAppInstallation { accessScopes { handle } } }`;

export const SHOP_QUERY = `#graphql
  query ShopBasics { shop { name currencyCode ianaTimezone taxesIncluded } }`;

/** Page sizes keep a page's requested cost well under the 2,000-point bucket (nested connections multiply it). */
export const PAGE_SIZE: Record<SyncResource, number> = { customers: 100, orders: 10, checkouts: 100 };
const NESTED_PAGE = 25;

/**
 * The order reconciliation pages in. Shopify advises sorting on the field the search filters on, but
 * AbandonedCheckoutSortKeys has no UPDATED_AT, so checkouts go in id order. Either is safe, because
 * Shopify's cursors hold the last sort value and id, so no record is skipped, and a record changed while
 * we page either moves ahead of the cursor (by update time: read again this run) or keeps its place (by
 * id: the change is newer than this run's start, where the next run's window begins).
 */
const CHANGED_ORDER: Record<SyncResource, string> = { customers: "UPDATED_AT", orders: "UPDATED_AT", checkouts: "ID" };
const operationName: Record<SyncResource, string> = { customers: "ChangedCustomers", orders: "ChangedOrders", checkouts: "ChangedCheckouts" };

/** Records updated at or after `$search`'s date (Shopify's `updated_at` search filter). */
export const PAGE_QUERIES = perResource(
  (resource) => `#graphql
  query ${operationName[resource]}($after: String, $search: String!) {
    ${rootField[resource]}(first: ${PAGE_SIZE[resource]}, after: $after, query: $search, sortKey: ${CHANGED_ORDER[resource]}) {
      nodes { ${fields(resource, pageConnection(NESTED_PAGE))} }
      pageInfo { hasNextPage endCursor }
    }
  }`,
);

export const pageQueryFor = (resource: SyncResource): string => PAGE_QUERIES[resource];

/** Shopify's search syntax for "changed since". */
export const updatedSince = (since: Date) => `updated_at:>='${since.toISOString()}'`;
