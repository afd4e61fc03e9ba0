import { log } from "~/logger.server";
import { shopify } from "~/shopify.server";
import { AdminApiThrottledError, throttleOfError, waitForPoints, type QueryCost } from "./throttle";

export interface GraphqlResponse<T> {
  data: T;
  extensions?: { cost?: QueryCost };
}

/** What the backfill and reconciliation need from the Admin API: one GraphQL call. */
export type AdminGraphql = <T>(
  query: string,
  variables?: Record<string, unknown>,
) => Promise<GraphqlResponse<T>>;

export interface ThrottleOptions {
  maxRetries: number;
  sleep: (ms: number) => Promise<void>;
  /** Upper bound for one wait, so a bad restoreRate cannot park a worker for hours. */
  maxWaitMs: number;
}

const defaults: ThrottleOptions = {
  maxRetries: 5,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  maxWaitMs: 60_000,
};

/**
 * Wraps a raw call with Shopify's throttling rules: after each answer it remembers the bucket, and waits
 * before a call the bucket cannot pay for; a THROTTLED answer waits exactly for the missing points and
 * retries, at most `maxRetries` times.
 */
export function withThrottling(call: AdminGraphql, options: Partial<ThrottleOptions> = {}): AdminGraphql {
  const { maxRetries, sleep, maxWaitMs } = { ...defaults, ...options };
  let lastCost: QueryCost | undefined;
  return async <T>(query: string, variables?: Record<string, unknown>) => {
    for (let attempt = 0; ; attempt++) {
      const status = lastCost?.throttleStatus;
      const expected = lastCost?.requestedQueryCost ?? 0;
      if (status && expected > 0) {
        const wait = Math.min(maxWaitMs, waitForPoints(status, expected));
        if (wait > 0) await sleep(wait);
      }
      try {
        const response = await call<T>(query, variables);
        lastCost = response.extensions?.cost;
        return response;
      } catch (error) {
        const throttle = throttleOfError(error);
        if (!throttle.throttled) throw error;
        if (attempt >= maxRetries)
          throw new AdminApiThrottledError(`Admin API still throttled after ${maxRetries} retries`);
        const cost = throttle.cost;
        const wait =
          throttle.retryAfterMs ??
          (cost?.throttleStatus
            ? waitForPoints(
                cost.throttleStatus,
                cost.requestedQueryCost ?? cost.throttleStatus.maximumAvailable,
              )
            : 1_000);
        log.info("admin api throttled; waiting", { waitMs: wait, attempt: attempt + 1 });
        await sleep(Math.min(maxWaitMs, Math.max(wait, 50)));
        lastCost = undefined; // the wait already paid for this call
      }
    }
  };
}

/**
 * The shop's Admin GraphQL client, through the app's normal Shopify client (offline session from
 * session storage), with throttling handled.
 */
export async function adminGraphqlFor(
  shopDomain: string,
  options: Partial<ThrottleOptions> = {},
): Promise<AdminGraphql> {
  const { admin } = await shopify().unauthenticated.admin(shopDomain);
  const raw: AdminGraphql = async <T>(query: string, variables?: Record<string, unknown>) => {
    const response = await admin.graphql(query, { variables });
    return (await response.json()) as GraphqlResponse<T>;
  };
  return withThrottling(raw, options);
}
