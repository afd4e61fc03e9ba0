/**
 * Loads a shop's daily rollups into running sums (a few thousand rows: one per local day, and per day and
 * cohort), from which any run of whole local days is summed in O(1).
 */
import type { Db } from "./sql.server";
import { toSafeNumber } from "./sql.server";
import { DaySums } from "./day-sums";

export const SALES_FIELDS = [
  "orders",
  "identifiedOrders",
  "units",
  "grossMinor",
  "discountsMinor",
  "shippingMinor",
  "taxesMinor",
  "dutiesMinor",
  "returnsMinor",
  "shippingRefundedMinor",
  "taxesRefundedMinor",
  "dutiesRefundedMinor",
  "checkoutsCreated",
  "checkoutsCompleted",
  "cartsCreated",
  "cartsCompleted",
] as const;

export type SalesField = (typeof SALES_FIELDS)[number];
/** Sums over a span of time: every field of kpi_sales_day. */
export type SalesSums = Record<SalesField, number>;

export const zeroSales = (): SalesSums => Object.fromEntries(SALES_FIELDS.map((f) => [f, 0])) as SalesSums;

export function addSales(a: SalesSums, b: SalesSums): SalesSums {
  const out = zeroSales();
  for (const f of SALES_FIELDS) out[f] = a[f] + b[f];
  return out;
}

export interface CohortSums {
  readonly net: DaySums;
  readonly customers: DaySums;
}

export interface Rollups {
  readonly sales: Record<SalesField, DaySums>;
  readonly activeDelta: DaySums;
  readonly activeYearDelta: DaySums;
  readonly annualRetainedDelta: DaySums;
  readonly newCustomers: DaySums;
  /** Cohort day number (first of the month) → sums. */
  readonly cohorts: ReadonlyMap<number, CohortSums>;
  /** Earliest local day with any data (null for an empty shop). */
  readonly firstDay: number | null;
}

type SalesRow = { day: number } & Record<SalesField, bigint | number>;

export async function loadRollups(db: Db, shopId: number): Promise<Rollups> {
  const sales = await db.$queryRaw<SalesRow[]>`
    SELECT (day - DATE '1970-01-01')::int AS day, orders, identified_orders AS "identifiedOrders", units,
      gross_minor AS "grossMinor", discounts_minor AS "discountsMinor", shipping_minor AS "shippingMinor",
      taxes_minor AS "taxesMinor", duties_minor AS "dutiesMinor", returns_minor AS "returnsMinor",
      shipping_refunded_minor AS "shippingRefundedMinor", taxes_refunded_minor AS "taxesRefundedMinor",
      duties_refunded_minor AS "dutiesRefundedMinor", checkouts_created AS "checkoutsCreated",
      checkouts_completed AS "checkoutsCompleted", carts_created AS "cartsCreated", carts_completed AS "cartsCompleted"
    FROM kpi_sales_day WHERE shop_id = ${shopId}`;
  const customers = await db.$queryRaw<{ day: number; a: number; ay: number; ar: number; n: number }[]>`
    SELECT (day - DATE '1970-01-01')::int AS day, active_delta AS a, active_year_delta AS ay, annual_retained_delta AS ar,
      new_customers AS n
    FROM kpi_customer_day WHERE shop_id = ${shopId}`;
  const cohortRows = await db.$queryRaw<{ day: number; cohort: number; net: bigint; n: number }[]>`
    SELECT (day - DATE '1970-01-01')::int AS day, (cohort - DATE '1970-01-01')::int AS cohort, net_minor AS net, new_customers AS n
    FROM kpi_cohort_day WHERE shop_id = ${shopId}`;

  const salesSums = Object.fromEntries(
    SALES_FIELDS.map((field) => [field, new DaySums(sales.map((row) => [row.day, toSafeNumber(row[field])] as const))]),
  ) as Record<SalesField, DaySums>;
  const byCohort = new Map<number, { net: [number, number][]; customers: [number, number][] }>();
  for (const row of cohortRows) {
    const entry = byCohort.get(row.cohort) ?? { net: [], customers: [] };
    entry.net.push([row.day, toSafeNumber(row.net)]);
    entry.customers.push([row.day, row.n]);
    byCohort.set(row.cohort, entry);
  }
  const days = [...sales.map((r) => r.day), ...cohortRows.map((r) => r.day)];
  return {
    sales: salesSums,
    activeDelta: new DaySums(customers.map((r) => [r.day, r.a] as const)),
    activeYearDelta: new DaySums(customers.map((r) => [r.day, r.ay] as const)),
    annualRetainedDelta: new DaySums(customers.map((r) => [r.day, r.ar] as const)),
    newCustomers: new DaySums(customers.map((r) => [r.day, r.n] as const)),
    cohorts: new Map([...byCohort].map(([cohort, e]) => [cohort, { net: new DaySums(e.net), customers: new DaySums(e.customers) }])),
    firstDay: days.length ? days.reduce((a, b) => Math.min(a, b)) : null,
  };
}

export function salesBetween(rollups: Rollups, a: number, b: number): SalesSums {
  const out = zeroSales();
  for (const f of SALES_FIELDS) out[f] = rollups.sales[f].between(a, b);
  return out;
}
