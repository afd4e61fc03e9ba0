import {
  defaultFieldResolver,
  getNamedType,
  GraphQLError,
  parse,
  validate,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from "graphql";
import { fakeShopifyId, gid } from "../ids";
import { bulkRootField, type FakeBulkOperation } from "./bulk";
import { connectionOf, matchesSearch, recordConnectionOf, sortObjects, type PageArgs } from "./connections";
import { createMetafieldDefinition, setMetafields } from "./metafields";
import type { FakeObject } from "./objects";
import type { FakeResource, FakeShopStore } from "./store";

export interface RequestContext {
  store: FakeShopStore;
  scopes: readonly string[];
  /** Set while a bulk operation exports: the root connection returns this slice, unpaginated. */
  bulkSlice?: { offset: number; limit: number };
  /** The filtered, sorted records of a bulk export, computed once for all its pages. */
  bulkRecords?: Map<string, FakeObject[]>;
}

export interface RootDeps {
  schema: GraphQLSchema;
  operations: Map<string, FakeBulkOperation>;
  /** The new operation, and when to answer its request (at once, unless its plan says otherwise). */
  startBulk: (
    context: RequestContext,
    query: string,
  ) => { operation: FakeBulkOperation; answer: Promise<void> };
  now: () => Date;
  /** The app's numeric id, which Shopify puts in its reserved namespaces (app--<id>). */
  appId: number;
}

const HISTORY_WITHOUT_READ_ALL_ORDERS_MS = 60 * 86_400_000;

/** Arrays stored on records become connections when the schema says the field is one. */
export const connectionFieldResolver: GraphQLFieldResolver<unknown, RequestContext> = (
  source,
  args,
  context,
  info,
) => {
  const value = defaultFieldResolver(source, args, context, info) as unknown;
  if (Array.isArray(value) && getNamedType(info.returnType).name.endsWith("Connection"))
    return connectionOf(value, args as PageArgs);
  return value;
};

function rootConnection(resource: FakeResource, deps: RootDeps) {
  return (args: PageArgs, context: RequestContext) => {
    const cached = context.bulkSlice ? context.bulkRecords?.get(resource) : undefined;
    if (cached && context.bulkSlice)
      return connectionOf(
        cached.slice(context.bulkSlice.offset, context.bulkSlice.offset + context.bulkSlice.limit),
        {},
      );
    let records: FakeObject[] = context.store.list(resource);
    if (resource === "orders" && !context.scopes.includes("read_all_orders")) {
      // Shopify's rule: without read_all_orders, only the last 60 days of orders are visible.
      const from = deps.now().getTime() - HISTORY_WITHOUT_READ_ALL_ORDERS_MS;
      records = records.filter((order) => new Date(String(order.createdAt)).getTime() >= from);
    }
    records = sortObjects(
      records.filter((record) => matchesSearch(record, args.query)),
      args.sortKey,
      args.reverse,
    );
    context.bulkRecords?.set(resource, records);
    if (context.bulkSlice)
      return connectionOf(
        records.slice(context.bulkSlice.offset, context.bulkSlice.offset + context.bulkSlice.limit),
        {},
      );
    if (args.first == null) throw new GraphQLError("you must provide one of first or last");
    if (args.first > 250) throw new GraphQLError("The maximum number of records requested per page is 250");
    return recordConnectionOf(records, args);
  };
}

function bulkOperationObject(operation: FakeBulkOperation) {
  return {
    __typename: "BulkOperation",
    id: operation.id,
    status: operation.expired && operation.status === "COMPLETED" ? "EXPIRED" : operation.status,
    errorCode: operation.errorCode,
    type: "QUERY",
    query: operation.query,
    objectCount: String(operation.objectCount),
    rootObjectCount: String(operation.rootObjectCount),
    fileSize: operation.fileSize === null ? null : String(operation.fileSize),
    url: operation.expired ? null : operation.url,
    partialDataUrl: operation.expired ? null : operation.partialDataUrl,
    createdAt: operation.createdAt,
    completedAt: operation.completedAt,
  };
}

/** Checks Shopify's bulk query rules: valid, one top-level connection, ≤ 5 connections, ≤ 2 levels. */
function bulkQueryProblem(schema: GraphQLSchema, query: string): string | null {
  let document;
  try {
    document = parse(query);
  } catch (error) {
    return `Invalid bulk query: ${(error as Error).message}`;
  }
  const errors = validate(schema, document);
  if (errors.length > 0) return `Invalid bulk query: ${errors[0]!.message}`;
  const root = bulkRootField(document);
  if (!root || !["orders", "customers", "abandonedCheckouts"].includes(root))
    return "Bulk queries must contain at least one connection.";
  const connections = (query.match(/\bedges\b|\bnodes\b/g) ?? []).length;
  if (connections > 5) return "Bulk queries cannot contain more than 5 connections.";
  return null;
}

/** Customer metafields are written with the customers write scope; without it Shopify denies the field. */
function requireScope(context: RequestContext, scope: string, field: string): void {
  if (!context.scopes.includes(scope))
    throw new GraphQLError(`Access denied for ${field} field. Required access: \`${scope}\` access scope.`, {
      extensions: { code: "ACCESS_DENIED", requiredAccess: `\`${scope}\` access scope.` },
    });
}

export function createRootValue(deps: RootDeps): Record<string, unknown> {
  const byShop = (context: RequestContext) =>
    [...deps.operations.values()].filter((op) => op.shopDomain === context.store.info.domain);
  return {
    shop: (_args: unknown, context: RequestContext) => ({
      ...context.store.info,
      id: gid("Shop", context.store.info.shopifyId ?? fakeShopifyId(context.store.info.domain)),
      myshopifyDomain: context.store.info.domain,
    }),
    shopLocales: ({ published }: { published?: boolean }, context: RequestContext) => {
      requireScope(context, "read_locales", "shopLocales");
      const locales = context.store.info.locales ?? [{ locale: "en", primary: true, published: true }];
      return locales
        .filter((l) => !published || l.published)
        .map((l) => ({ ...l, name: new Intl.DisplayNames(["en"], { type: "language" }).of(l.locale) }));
    },
    currentAppInstallation: (_args: unknown, context: RequestContext) => ({
      accessScopes: context.scopes.map((handle) => ({ handle })),
    }),
    node: ({ id }: { id: string }, context: RequestContext) => {
      const operation = deps.operations.get(id);
      if (operation && operation.shopDomain === context.store.info.domain)
        return bulkOperationObject(operation);
      return (
        context.store.get("orders", id) ??
        context.store.get("customers", id) ??
        context.store.get("abandonedCheckouts", id) ??
        null
      );
    },
    bulkOperation: ({ id }: { id: string }, context: RequestContext) => {
      const operation = deps.operations.get(id);
      return operation && operation.shopDomain === context.store.info.domain
        ? bulkOperationObject(operation)
        : null;
    },
    currentBulkOperation: (_args: unknown, context: RequestContext) => {
      const latest = byShop(context).at(-1);
      return latest ? bulkOperationObject(latest) : null;
    },
    orders: rootConnection("orders", deps),
    customers: rootConnection("customers", deps),
    abandonedCheckouts: rootConnection("abandonedCheckouts", deps),
    bulkOperationRunQuery: async ({ query }: { query: string }, context: RequestContext) => {
      const problem = bulkQueryProblem(deps.schema, query);
      if (problem)
        return { bulkOperation: null, userErrors: [{ field: ["query"], message: problem, code: "INVALID" }] };
      const running = byShop(context).filter((op) => op.status === "CREATED" || op.status === "RUNNING");
      if (running.length >= 5) {
        return {
          bulkOperation: null,
          userErrors: [
            {
              field: null,
              message: "A bulk query operation for this app and shop is already in progress",
              code: "LIMIT_REACHED",
            },
          ],
        };
      }
      const { operation, answer } = deps.startBulk(context, query);
      const created = bulkOperationObject(operation); // as it was when created, however late the answer
      await answer;
      return { bulkOperation: created, userErrors: [] };
    },
    metafieldDefinitionCreate: (
      { definition }: { definition: Parameters<typeof createMetafieldDefinition>[1] },
      context: RequestContext,
    ) => {
      requireScope(context, "write_customers", "metafieldDefinitionCreate");
      return createMetafieldDefinition(context.store, definition, deps.appId);
    },
    metafieldsSet: (
      { metafields }: { metafields: Parameters<typeof setMetafields>[1] },
      context: RequestContext,
    ) => {
      requireScope(context, "write_customers", "metafieldsSet");
      return setMetafields(context.store, metafields, deps.appId, deps.now());
    },
    bulkOperationCancel: ({ id }: { id: string }, context: RequestContext) => {
      const operation = deps.operations.get(id);
      if (!operation || operation.shopDomain !== context.store.info.domain) {
        return {
          bulkOperation: null,
          userErrors: [{ field: ["id"], message: "Bulk operation does not exist" }],
        };
      }
      operation.canceled = true;
      if (operation.status === "RUNNING" || operation.status === "CREATED") operation.status = "CANCELING";
      return { bulkOperation: bulkOperationObject(operation), userErrors: [] };
    },
  };
}

export const bulkOperationGid = (n: number) => gid("BulkOperation", n);
