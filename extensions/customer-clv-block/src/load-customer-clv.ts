import type { CustomerClvCard } from "~/pages/customer-clv-card.server";

/** What the block shows: the app's answer for the customer on screen, turned into one state. */
export type BlockState =
  | { kind: "loading" }
  | { kind: "ready"; card: CustomerClvCard }
  | { kind: "missing"; message: string }
  | { kind: "error"; message: string };

const MISSING = "No prediction for this customer yet: it appears after the next nightly model run.";
const FAILED = "Pulse KPI could not load this customer's prediction. Reload the page to try again.";

/**
 * Asks the app for the customer's CLV. In Shopify's admin, `fetch` to the app's own URL carries the
 * extension's session token (Authorization: Bearer), which the route verifies.
 */
export async function loadCustomerClv(
  fetchFn: (url: string) => Promise<Response>,
  customerGid: string | undefined,
): Promise<BlockState> {
  const id = /^gid:\/\/shopify\/Customer\/(\d+)$/.exec(customerGid ?? "")?.[1];
  if (!id) return { kind: "error", message: "This block only works on a customer's page." };
  try {
    const response = await fetchFn(`/api/customer-clv/${id}`);
    if (response.status === 404) {
      const body = (await response.json().catch(() => ({}))) as { error?: string };
      return { kind: "missing", message: body.error ?? MISSING };
    }
    if (!response.ok) return { kind: "error", message: FAILED };
    return { kind: "ready", card: (await response.json()) as CustomerClvCard };
  } catch {
    return { kind: "error", message: FAILED };
  }
}
