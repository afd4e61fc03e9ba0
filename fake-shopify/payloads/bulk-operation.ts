import { gid } from "../ids";
import type { DateInput } from "../shop-time";
import { toDate } from "../shop-time";

export type BulkOperationStatus = "completed" | "failed" | "canceled" | "expired";

export interface BulkOperationFinishInput {
  id: number;
  createdAt: DateInput;
  completedAt: DateInput;
  status?: BulkOperationStatus;
  /** e.g. "access_denied", "internal_server_error", "timeout"; null on success. */
  errorCode?: string | null;
  type?: "query" | "mutation";
}

/**
 * bulk_operations/finish: only enough to go and fetch the result with the GraphQL
 * `node(id:)` query; status and error_code are lower-case here, unlike GraphQL enums.
 */
export function buildBulkOperationFinishPayload(input: BulkOperationFinishInput) {
  return {
    admin_graphql_api_id: gid("BulkOperation", input.id),
    completed_at: toDate(input.completedAt)
      .toISOString()
      .replace(/\.\d{3}Z$/, "Z"),
    created_at: toDate(input.createdAt)
      .toISOString()
      .replace(/\.\d{3}Z$/, "Z"),
    error_code: input.errorCode ?? null,
    status: input.status ?? "completed",
    type: input.type ?? "query",
  };
}
