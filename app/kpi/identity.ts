/**
 * Who placed an order. Shopify's customer id first; a guest order's email (trimmed, lower-cased,
 * nothing else) joins the customer holding that email today, or else forms an email-keyed guest.
 * An order with neither is nobody's: it counts in order KPIs, never in customer KPIs.
 */
import type { KpiCustomer, KpiOrder } from "./types";

export type CustomerKey = string;

export function normaliseEmail(email: string | null | undefined): string | null {
  const normalised = email?.trim().toLowerCase() ?? "";
  return normalised === "" ? null : normalised;
}

/** Normalised email → customer id. Two customers sharing an email (legacy data): the earliest created wins. */
export function customersByEmail(customers: readonly KpiCustomer[]): Map<string, string> {
  const sorted = [...customers].sort(
    (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const byEmail = new Map<string, string>();
  for (const customer of sorted) {
    const email = normaliseEmail(customer.email);
    if (email !== null && !byEmail.has(email)) byEmail.set(email, customer.id);
  }
  return byEmail;
}

export function customerKeyForId(customerId: string): CustomerKey {
  return `customer:${customerId}`;
}

export function customerKeyFor(
  order: Pick<KpiOrder, "customerId" | "email">,
  knownCustomersByEmail: ReadonlyMap<string, string>,
): CustomerKey | null {
  if (order.customerId !== null && order.customerId !== "") return customerKeyForId(order.customerId);
  const email = normaliseEmail(order.email);
  if (email === null) return null;
  const customerId = knownCustomersByEmail.get(email);
  return customerId !== undefined ? customerKeyForId(customerId) : `email:${email}`;
}
