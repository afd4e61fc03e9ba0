/** Terse builders for KPI records in tests: every field has a neutral default. */
import type { KpiCart, KpiCheckout, KpiCustomer, KpiOrder, KpiRefund } from "~/kpi/types";

export const at = (iso: string): Date => new Date(iso);

type OrderOverrides = Partial<KpiOrder> & { readonly id: string; readonly at: string };

/** A counted order processed at `at`, one line of 1 × 1000 unless told otherwise. */
export function order({ at: when, ...overrides }: OrderOverrides): KpiOrder {
  return {
    customerId: null,
    email: null,
    processedAt: at(when),
    createdAt: at(when),
    updatedAt: at(when),
    test: false,
    cancelledAt: null,
    deleted: false,
    lines: [{ quantity: 1, priceMinor: 1000 }],
    discountsMinor: 0,
    shippingMinor: 0,
    taxesMinor: 0,
    dutiesMinor: 0,
    taxesIncluded: false,
    checkoutToken: null,
    cartToken: null,
    ...overrides,
  };
}

/** An order of one unit at `priceMinor` for a customer id. */
export function sale(
  id: string,
  when: string,
  customerId: string | null,
  priceMinor: number,
  extra: Partial<KpiOrder> = {},
): KpiOrder {
  return order({ id, at: when, customerId, lines: [{ quantity: 1, priceMinor }], ...extra });
}

export function refund(
  id: string,
  orderId: string,
  when: string,
  amounts: Partial<Pick<KpiRefund, "linesSubtotalMinor" | "shippingMinor" | "taxesMinor" | "dutiesMinor">>,
): KpiRefund {
  return {
    id,
    orderId,
    processedAt: at(when),
    createdAt: at(when),
    linesSubtotalMinor: 0,
    shippingMinor: 0,
    taxesMinor: 0,
    dutiesMinor: 0,
    ...amounts,
  };
}

export function checkout(
  token: string,
  created: string,
  completed: string | null = null,
  updated?: string,
): KpiCheckout {
  return {
    token,
    createdAt: at(created),
    updatedAt: at(updated ?? completed ?? created),
    completedAt: completed ? at(completed) : null,
  };
}

/** A cart as `carts/create` delivers it; `update` gives a later `carts/update` version instead. */
export function cart(token: string, created: string, update?: { at: string }): KpiCart {
  return update
    ? { token, createdAt: at(created), updatedAt: at(update.at), fromCreate: false }
    : { token, createdAt: at(created), updatedAt: at(created), fromCreate: true };
}

export function customer(id: string, email: string | null, created: string): KpiCustomer {
  return { id, email, createdAt: at(created) };
}

export const iso = (d: Date): string => d.toISOString();
