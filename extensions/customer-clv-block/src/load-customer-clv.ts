import type { CustomerClvCard } from "~/pages/customer-clv-card.server";

/**
 * What the block shows: the app's answer for the customer on screen, turned into one state. The block
 * words each state itself (locales/), so the states carry no text.
 */
export type BlockState =
  | { kind: "loading" }
  | { kind: "ready"; card: CustomerClvCard }
  | { kind: "missing" }
  | { kind: "error"; reason: "not-customer" | "failed" };

/**
 * Asks the app for the customer's CLV. In Shopify's admin, `fetch` to the app's own URL carries the
 * extension's session token (Authorization: Bearer), which the route verifies.
 */
export async function loadCustomerClv(
  fetchFn: (url: string) => Promise<Response>,
  customerGid: string | undefined,
): Promise<BlockState> {
  const id = /^gid:\/\/shopify\/Customer\/(\d+)$/.exec(customerGid ?? "")?.[1];
  if (!id) return { kind: "error", reason: "not-customer" };
  try {
    const response = await fetchFn(`/api/customer-clv/${id}`);
    if (response.status === 404) return { kind: "missing" };
    if (!response.ok) return { kind: "error", reason: "failed" };
    return { kind: "ready", card: (await response.json()) as CustomerClvCard };
  } catch {
    return { kind: "error", reason: "failed" };
  }
}
