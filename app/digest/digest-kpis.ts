/**
 * The KPIs the weekly digest reports, in the order it shows them, with what the KPI engine calls them
 * (app/kpi-engine/derive.ts) and which direction is good news.
 */

export type DigestKpiKind = "money" | "count" | "rate";

export interface DigestKpi {
  /** Snapshot KPI name. */
  readonly key: string;
  readonly label: string;
  readonly kind: DigestKpiKind;
  readonly betterWhen: "up" | "down";
}

export const DIGEST_KPIS: readonly DigestKpi[] = [
  { key: "net_sales", label: "Net sales", kind: "money", betterWhen: "up" },
  { key: "orders", label: "Orders", kind: "count", betterWhen: "up" },
  { key: "aov", label: "Average order value", kind: "money", betterWhen: "up" },
  { key: "retention_rate", label: "Customer retention rate", kind: "rate", betterWhen: "up" },
  { key: "churn_rate", label: "Churn rate", kind: "rate", betterWhen: "down" },
  { key: "checkout_abandonment_rate", label: "Checkout abandonment", kind: "rate", betterWhen: "down" },
  { key: "cart_abandonment_rate", label: "Cart abandonment", kind: "rate", betterWhen: "down" },
  { key: "formula_clv", label: "Customer lifetime value", kind: "money", betterWhen: "up" },
];

export const DIGEST_KPI_KEYS: readonly string[] = DIGEST_KPIS.map((k) => k.key);

/**
 * Change of a KPI against a base: rates in percentage points (a fraction: 0.012 = 1.2 points), money
 * and counts relative to the base. Null when either side is undefined, or a relative change has no
 * positive base (as KPI-SPEC's sales growth).
 */
export function changeOf(kind: DigestKpiKind, current: number | null, base: number | null): number | null {
  if (current === null || base === null) return null;
  if (kind === "rate") return current - base;
  return base > 0 ? (current - base) / base : null;
}
