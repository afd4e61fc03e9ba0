/**
 * The Admin GraphQL documents the backfill (bulk operations) and reconciliation (paginated queries)
 * send. Both select the same fields, so one normaliser reads either. Bulk queries may not paginate
 * nested connections and allow at most five connections two levels deep: orders has exactly five
 * (orders, lineItems, shippingLines, refundLineItems, refundShippingLines); `refunds` is a list.
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
  ${connection("lineItems", `id quantity isGiftCard originalUnitPriceSet { ${money} } totalDiscountSet { ${money} } ${taxLines} product { id } variant { id }`)}
  ${connection("shippingLines", `id ${taxLines}`)}
  refunds {
    id createdAt duties { amountSet { ${money} } }
    ${connection("refundLineItems", `id quantity subtotalSet { ${money} } totalTaxSet { ${money} } lineItem { isGiftCard }`)}
    ${connection("refundShippingLines", `id subtotalAmountSet { ${money} } taxAmountSet { ${money} }`)}
  }`;

const customerFields = "id defaultEmailAddress { emailAddress } firstName lastName state createdAt updatedAt";
const checkoutFields = `id abandonedCheckoutUrl createdAt updatedAt completedAt customer { id defaultEmailAddress { emailAddress } } totalPriceSet { ${money} }`;

const rootField: Record<SyncResource, string> = { customers: "customers", orders: "orders", checkouts: "abandonedCheckouts" };

const fields = (resource: SyncResource, connection: Connection) =>
  resource === "orders" ? orderFields(connection) : resource === "customers" ? customerFields : checkoutFields;

/** The inner query of bulkOperationRunQuery: every record of the resource (Shopify applies scope limits). */
export function bulkQueryFor(resource: SyncResource): string {
  return `{ ${rootField[resource]} { edges { node { ${fields(resource, bulkConnection)} } } } }`;
}

export const BULK_RUN_MUTATION = `
  mutation RunBulkQuery($query: String!) {
    bulkOperationRunQuery(query: $query, groupObjects: true) {
      bulkOperation { id status }
      userErrors { field message code }
    }
  }`;

export const BULK_OPERATION_QUERY = `
  query BulkOperationStatus($id: ID!) {
    node(id: $id) {
      ... on BulkOperation { id status errorCode objectCount rootObjectCount fileSize url partialDataUrl createdAt completedAt }
    }
  }`;

export const ACCESS_SCOPES_QUERY = `query AccessScopes { currentAppInstallation { accessScopes { handle } } }`;

export const SHOP_QUERY = `query ShopBasics { shop { name currencyCode ianaTimezone taxesIncluded } }`;

/** Page sizes keep a page's requested cost well under the 2,000-point bucket (nested connections multiply it). */
export const PAGE_SIZE: Record<SyncResource, number> = { customers: 100, orders: 10, checkouts: 100 };
const NESTED_PAGE = 25;

/** Records updated at or after `$search`'s date, oldest change first, for reconciliation. */
export function pageQueryFor(resource: SyncResource): string {
  const name = rootField[resource];
  return `
    query Changed($after: String, $search: String!) {
      ${name}(first: ${PAGE_SIZE[resource]}, after: $after, query: $search, sortKey: UPDATED_AT) {
        nodes { ${fields(resource, pageConnection(NESTED_PAGE))} }
        pageInfo { hasNextPage endCursor }
      }
    }`;
}

/** Shopify's search syntax for "changed since". */
export const updatedSince = (since: Date) => `updated_at:>='${since.toISOString()}'`;
