/**
 * Loads a shop's daily rollups into running sums (a few thousand rows: one per local day, and per day and
 * cohort), from which any run of whole local days is summed in O(1).
 *
 * Layer: reading facts (README.md, "Layers").
 */
import { Prisma } from "@prisma/client";
import type { Db } from "./sql.server";
import { toSafeNumber } from "./sql.server";
import { DaySums } from "./day-sums";
import { ALL_DAYS, dayInScope, daysScope } from "./day-scope.server";
import { SALES_FIELDS, zeroSales, type SalesField, type SalesSums } from "~/kpi/facts";

export { SALES_FIELDS, addSales, zeroSales } from "~/kpi/facts";
export type { SalesField, SalesSums } from "~/kpi/facts";

/** The rollup tables' column (kpi_sales_day, kpi_sales_slot) of each field, in SALES_FIELDS order. */
export const SALES_COLUMNS: readonly (readonly [SalesField, string])[] = SALES_FIELDS.map((field) => [
  field,
  field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`),
]);

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

/** One row of parallel arrays per table: PostgreSQL builds them and the driver decodes a handful of values. */
type Columns<K extends string> = Record<K, (bigint | number | string)[] | null>;

const numbers = (values: (bigint | number | string)[] | null | undefined): number[] =>
  (values ?? []).map((v) => toSafeNumber(v));

/**
 * The rollup rows as read, per local day: the sales fields (SALES_FIELDS order), the customer deltas
 * (active, active over a year, annually retained, new) and per cohort (net, new customers). Kept between
 * recomputes by rollup-cache.server.ts, so an incremental recompute re-reads only the days it changed.
 */
export interface RollupRows {
  readonly sales: Map<number, readonly number[]>;
  readonly customers: Map<number, readonly [number, number, number, number]>;
  readonly cohorts: Map<number, Map<number, readonly [net: number, customers: number]>>;
}

/** Days to re-read; every day when omitted. */
export interface RollupDays {
  readonly sales: readonly number[];
  readonly customers: readonly number[];
  readonly cohorts: readonly number[];
}

/**
 * Reads the shop's rollup rows (all, or those of `days` into a copy of `base`, whose rows of those days
 * are replaced: a day without a row any more is dropped).
 */
export async function loadRollupRows(
  db: Db,
  shopId: number,
  only?: { base: RollupRows; days: RollupDays },
): Promise<RollupRows> {
  const inDays = (days: readonly number[] | undefined) =>
    dayInScope(days ? daysScope(days) : ALL_DAYS, Prisma.sql`day`);
  const salesColumns = Prisma.raw(
    SALES_COLUMNS.map(([field, column]) => `array_agg(${column}::int8) AS "${field}"`).join(", "),
  );
  const [sales] = await db.$queryRaw<Columns<"day" | SalesField>[]>`
    SELECT array_agg((day - DATE '1970-01-01')::int) AS day, ${salesColumns}
    FROM kpi_sales_day WHERE shop_id = ${shopId} ${inDays(only?.days.sales)}`;
  const [customers] = await db.$queryRaw<Columns<"day" | "a" | "ay" | "ar" | "n">[]>`
    SELECT array_agg((day - DATE '1970-01-01')::int) AS day, array_agg(active_delta) AS a, array_agg(active_year_delta) AS ay,
      array_agg(annual_retained_delta) AS ar, array_agg(new_customers) AS n
    FROM kpi_customer_day WHERE shop_id = ${shopId} ${inDays(only?.days.customers)}`;
  const [cohortRows] = await db.$queryRaw<Columns<"day" | "cohort" | "net" | "n">[]>`
    SELECT array_agg((day - DATE '1970-01-01')::int) AS day, array_agg((cohort - DATE '1970-01-01')::int) AS cohort,
      array_agg(net_minor::text) AS net, array_agg(new_customers) AS n
    FROM kpi_cohort_day WHERE shop_id = ${shopId} ${inDays(only?.days.cohorts)}`;

  const out: RollupRows = only
    ? {
        sales: new Map(only.base.sales),
        customers: new Map(only.base.customers),
        cohorts: new Map([...only.base.cohorts].map(([day, byCohort]) => [day, new Map(byCohort)])),
      }
    : { sales: new Map(), customers: new Map(), cohorts: new Map() };
  if (only) {
    for (const day of only.days.sales) out.sales.delete(day);
    for (const day of only.days.customers) out.customers.delete(day);
    for (const day of only.days.cohorts) out.cohorts.delete(day);
  }
  const salesDays = numbers(sales?.day);
  const salesValues = SALES_FIELDS.map((field) => numbers(sales?.[field]));
  salesDays.forEach((day, i) =>
    out.sales.set(
      day,
      salesValues.map((values) => values[i]!),
    ),
  );
  const customerDays = numbers(customers?.day);
  const [a, ay, ar, n] = (["a", "ay", "ar", "n"] as const).map((key) => numbers(customers?.[key]));
  customerDays.forEach((day, i) => out.customers.set(day, [a![i]!, ay![i]!, ar![i]!, n![i]!]));
  const cohortDays = numbers(cohortRows?.day);
  const cohortOf = numbers(cohortRows?.cohort);
  const cohortNet = numbers(cohortRows?.net);
  const cohortNew = numbers(cohortRows?.n);
  cohortDays.forEach((day, i) => {
    const byCohort = out.cohorts.get(day) ?? new Map<number, readonly [number, number]>();
    byCohort.set(cohortOf[i]!, [cohortNet[i]!, cohortNew[i]!]);
    out.cohorts.set(day, byCohort);
  });
  return out;
}

/** Running sums over the rows (pure). */
export function buildRollups(rows: RollupRows): Rollups {
  const sales = Object.fromEntries(
    SALES_FIELDS.map((field, f) => [
      field,
      new DaySums([...rows.sales].map(([day, values]) => [day, values[f]!] as const)),
    ]),
  ) as Record<SalesField, DaySums>;
  const customerSums = (k: 0 | 1 | 2 | 3) =>
    new DaySums([...rows.customers].map(([day, values]) => [day, values[k]] as const));
  const byCohort = new Map<number, { net: [number, number][]; customers: [number, number][] }>();
  for (const [day, cohorts] of rows.cohorts) {
    for (const [cohort, [net, customers]] of cohorts) {
      const entry = byCohort.get(cohort) ?? { net: [], customers: [] };
      entry.net.push([day, net]);
      entry.customers.push([day, customers]);
      byCohort.set(cohort, entry);
    }
  }
  const days = [...rows.sales.keys(), ...rows.cohorts.keys()];
  return {
    sales,
    activeDelta: customerSums(0),
    activeYearDelta: customerSums(1),
    annualRetainedDelta: customerSums(2),
    newCustomers: customerSums(3),
    cohorts: new Map(
      [...byCohort].map(([cohort, e]) => [
        cohort,
        { net: new DaySums(e.net), customers: new DaySums(e.customers) },
      ]),
    ),
    firstDay: days.length ? days.reduce((x, y) => Math.min(x, y)) : null,
  };
}

export async function loadRollups(db: Db, shopId: number): Promise<Rollups> {
  return buildRollups(await loadRollupRows(db, shopId));
}

export function salesBetween(rollups: Rollups, a: number, b: number): SalesSums {
  const out = zeroSales();
  for (const f of SALES_FIELDS) out[f] = rollups.sales[f].between(a, b);
  return out;
}
