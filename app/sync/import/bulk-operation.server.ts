import type { AdminGraphql } from "~/admin-api/graphql.server";
import type {
  AccessScopesQuery,
  BulkOperationStatusQuery,
  RunBulkQueryMutation,
} from "~/types/admin.generated";
import { ACCESS_SCOPES_QUERY, BULK_OPERATION_QUERY, BULK_RUN_MUTATION } from "~/sync/wire/admin-queries";

/** Shopify's BulkOperationStatus. */
export type BulkStatus =
  "CREATED" | "RUNNING" | "COMPLETED" | "CANCELING" | "CANCELED" | "FAILED" | "EXPIRED";

/** The sync state's bulkStatus while an export is being requested (not one of Shopify's statuses). */
export const BULK_STARTING = "STARTING";

export interface BulkOperation {
  id: string;
  status: BulkStatus;
  errorCode: string | null;
  /** UnsignedInt64 arrives as a string. */
  objectCount: string | null;
  url: string | null;
  partialDataUrl: string | null;
}

export class BulkOperationRefused extends Error {
  override name = "BulkOperationRefused";
}

export async function startBulkOperation(
  graphql: AdminGraphql,
  query: string,
): Promise<{ id: string; status: BulkStatus }> {
  const { data } = await graphql<RunBulkQueryMutation>(BULK_RUN_MUTATION, { query });
  const bulkOperation = data.bulkOperationRunQuery?.bulkOperation;
  const userErrors = data.bulkOperationRunQuery?.userErrors ?? [];
  if (!bulkOperation)
    throw new BulkOperationRefused(
      userErrors.map((e) => e.message).join("; ") || "no bulk operation created",
    );
  return bulkOperation;
}

export async function fetchBulkOperation(graphql: AdminGraphql, id: string): Promise<BulkOperation | null> {
  const { data } = await graphql<BulkOperationStatusQuery>(BULK_OPERATION_QUERY, { id });
  // `node` may be any Node; a BulkOperation id always names a BulkOperation, the only fragment asked for.
  return data.node && "status" in data.node
    ? (data.node as Exclude<BulkOperationStatusQuery["node"], Record<PropertyKey, never>>)
    : null;
}

export async function fetchAccessScopes(graphql: AdminGraphql): Promise<string[]> {
  const { data } = await graphql<AccessScopesQuery>(ACCESS_SCOPES_QUERY);
  return data.currentAppInstallation.accessScopes.map((scope) => scope.handle);
}
