import { Kind, parse, print, visit, type FieldNode } from "graphql";

/**
 * The Admin GraphQL documents the backfill (bulk operations) and reconciliation (paginated queries)
 * send. Each is a `#graphql` literal, as in Shopify's app template: test/graphql/admin-documents.test.ts
 * validates them against Shopify's published schema, and `npm run graphql:codegen` types them
 * (app/types/admin.generated.ts).
 *
 * The fields are written once, in the reconciliation queries; the bulk queries are made from them
 * (bulkQueryFrom), so one normaliser reads either. Bulk queries may not paginate nested connections and
 * allow at most five connections two levels deep: orders has exactly five (orders, lineItems,
 * shippingLines, refundLineItems, refundShippingLines); `refunds` is a list.
 */
export type SyncResource = "customers" | "orders" | "checkouts";
export const SYNC_RESOURCES: readonly SyncResource[] = ["customers", "orders", "checkouts"];

/** Page sizes keep a page's requested cost well under the 2,000-point bucket (nested connections multiply it). */
export const PAGE_SIZE: Record<SyncResource, number> = { customers: 100, orders: 10, checkouts: 100 };
const NESTED_PAGE = 25;

/*
 * The order reconciliation pages in. Shopify advises sorting on the field the search filters on, but
 * AbandonedCheckoutSortKeys has no UPDATED_AT, so checkouts go in id order. Either is safe, because
 * Shopify's cursors hold the last sort value and id, so no record is skipped, and a record changed while
 * we page either moves ahead of the cursor (by update time: read again this run) or keeps its place (by
 * id: the change is newer than this run's start, where the next run's window begins).
 */

/** Records updated at or after `$search`'s date (Shopify's `updated_at` search filter). */
export const CHANGED_CUSTOMERS_QUERY = `#graphql
  query ChangedCustomers($first: Int!, $after: String, $search: String!) {
    customers(first: $first, after: $after, query: $search, sortKey: UPDATED_AT) {
      nodes { id defaultEmailAddress { emailAddress } firstName lastName state createdAt updatedAt }
      pageInfo { hasNextPage endCursor }
    }
  }`;

export const CHANGED_ORDERS_QUERY = `#graphql
  query ChangedOrders($first: Int!, $nested: Int!, $after: String, $search: String!) {
    orders(first: $first, after: $after, query: $search, sortKey: UPDATED_AT) {
      nodes {
        id name email createdAt updatedAt processedAt cancelledAt test currencyCode presentmentCurrencyCode
        taxesIncluded sourceName checkoutToken cartToken
        customer { id }
        totalDiscountsSet { shopMoney { amount currencyCode } }
        totalShippingPriceSet { shopMoney { amount currencyCode } }
        totalTaxSet { shopMoney { amount currencyCode } }
        originalTotalDutiesSet { shopMoney { amount currencyCode } }
        totalPriceSet { shopMoney { amount currencyCode } }
        lineItems(first: $nested) {
          nodes {
            id quantity isGiftCard
            originalUnitPriceSet { shopMoney { amount currencyCode } }
            totalDiscountSet { shopMoney { amount currencyCode } }
            taxLines { priceSet { shopMoney { amount currencyCode } } }
            product { id }
            variant { id }
          }
        }
        shippingLines(first: $nested) { nodes { id taxLines { priceSet { shopMoney { amount currencyCode } } } } }
        refunds {
          id createdAt
          duties { amountSet { shopMoney { amount currencyCode } } }
          refundLineItems(first: $nested) {
            nodes {
              id quantity lineItem { isGiftCard }
              subtotalSet { shopMoney { amount currencyCode } } totalTaxSet { shopMoney { amount currencyCode } }
            }
          }
          refundShippingLines(first: $nested) {
            nodes { id subtotalAmountSet { shopMoney { amount currencyCode } } taxAmountSet { shopMoney { amount currencyCode } } }
          }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }`;

export const CHANGED_CHECKOUTS_QUERY = `#graphql
  query ChangedCheckouts($first: Int!, $after: String, $search: String!) {
    abandonedCheckouts(first: $first, after: $after, query: $search, sortKey: ID) {
      nodes {
        id abandonedCheckoutUrl createdAt updatedAt completedAt
        customer { id defaultEmailAddress { emailAddress } }
        totalPriceSet { shopMoney { amount currencyCode } }
      }
      pageInfo { hasNextPage endCursor }
    }
  }`;

export const PAGE_QUERIES: Record<SyncResource, string> = {
  customers: CHANGED_CUSTOMERS_QUERY,
  orders: CHANGED_ORDERS_QUERY,
  checkouts: CHANGED_CHECKOUTS_QUERY,
};

export const pageQueryFor = (resource: SyncResource): string => PAGE_QUERIES[resource];

/** Shopify's search syntax for "changed since". */
export const updatedSince = (since: Date) => `updated_at:>='${since.toISOString()}'`;

/** The variables of one reconciliation page. */
export function pageVariables(
  resource: SyncResource,
  since: Date,
  after: string | null,
): Record<string, unknown> {
  const page = { first: PAGE_SIZE[resource], after, search: updatedSince(since) };
  return resource === "orders" ? { ...page, nested: NESTED_PAGE } : page;
}

/**
 * The bulk form of a reconciliation query: every record, unpaginated. Arguments, `pageInfo` and the
 * operation's name and variables go; each `nodes { … }` becomes `edges { node { … } }`, the form bulk
 * operations document.
 */
export function bulkQueryFrom(pageQuery: string): string {
  const bulk = visit(parse(pageQuery), {
    OperationDefinition: (node) => ({ ...node, name: undefined, variableDefinitions: [] }),
    Field: (node): FieldNode | null => {
      if (node.name.value === "pageInfo") return null;
      if (node.name.value !== "nodes") return node.arguments?.length ? { ...node, arguments: [] } : node;
      const field = (name: string, selections: FieldNode["selectionSet"]): FieldNode => ({
        kind: Kind.FIELD,
        name: { kind: Kind.NAME, value: name },
        selectionSet: selections,
      });
      return field("edges", { kind: Kind.SELECTION_SET, selections: [field("node", node.selectionSet)] });
    },
  });
  return `#graphql\n${print(bulk)}`;
}

/** The inner query of bulkOperationRunQuery: every record of the resource (Shopify applies scope limits). */
export const BULK_QUERIES: Record<SyncResource, string> = {
  customers: bulkQueryFrom(CHANGED_CUSTOMERS_QUERY),
  orders: bulkQueryFrom(CHANGED_ORDERS_QUERY),
  checkouts: bulkQueryFrom(CHANGED_CHECKOUTS_QUERY),
};

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
  query ShopBasics { shop { id name currencyCode ianaTimezone taxesIncluded } }`;

/** The shop's languages; the primary one is the digest's default language (needs `read_locales`). */
export const SHOP_LOCALES_QUERY = `#graphql
  query ShopLocales { shopLocales { locale primary published } }`;
