/**
 * Shopify's cost-based rate limit: each call reports `extensions.cost.throttleStatus`; a call that asks
 * for more than is available is refused with a THROTTLED error. The bucket refills at `restoreRate`
 * points a second, so the wait is computed, never guessed, and retries are bounded.
 */
export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export interface QueryCost {
  requestedQueryCost?: number | null;
  actualQueryCost?: number | null;
  throttleStatus?: ThrottleStatus;
}

/** Milliseconds until the bucket holds `needed` points (0 when it already does). */
export function waitForPoints(status: ThrottleStatus, needed: number): number {
  const missing = Math.min(needed, status.maximumAvailable) - status.currentlyAvailable;
  if (missing <= 0 || status.restoreRate <= 0) return 0;
  return Math.ceil((missing / status.restoreRate) * 1000);
}

export class AdminApiThrottledError extends Error {
  override name = "AdminApiThrottledError";
}

export interface GraphqlErrorDetail {
  message: string;
  extensions?: { code?: string } & Record<string, unknown>;
}

/** Reads what a failed call says about throttling, whatever error object the client threw. */
export function throttleOfError(error: unknown): {
  throttled: boolean;
  cost?: QueryCost;
  retryAfterMs?: number;
} {
  if (error === null || typeof error !== "object") return { throttled: false };
  const body = (
    error as {
      body?: { errors?: { graphQLErrors?: GraphqlErrorDetail[] }; extensions?: { cost?: QueryCost } };
    }
  ).body;
  const graphQLErrors = body?.errors?.graphQLErrors ?? [];
  const cost = body?.extensions?.cost;
  if (graphQLErrors.some((e) => e.extensions?.code === "THROTTLED")) return { throttled: true, cost };
  // HTTP 429 (HttpThrottlingError) carries Retry-After in seconds.
  const retryAfter = (error as { retryAfter?: number }).retryAfter;
  if ((error as { code?: number }).code === 429 || typeof retryAfter === "number") {
    return { throttled: true, cost, retryAfterMs: (retryAfter ?? 1) * 1000 };
  }
  return { throttled: false };
}
