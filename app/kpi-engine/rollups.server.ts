/**
 * Loads a shop's daily rollups into running sums (a few thousand rows: one per local day, and per day and
 * cohort), from which any run of whole local days is summed in O(1).
 */
import { Prisma } from "@prisma/client";
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

/** The rollup tables' column (kpi_sales_day, kpi_sales_slot) of each field, in SALES_FIELDS order. */
export const SALES_COLUMNS: readonly (readonly [SalesField, string])[] = SALES_FIELDS.map((field) => [
  field,
  field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`),
]);
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

/** One row of parallel arrays per table: PostgreSQL builds them and the driver decodes a handful of values. */
type Columns<K extends string> = Record<K, (bigint | number | string)[] | null>;

const numbers = (values: (bigint | number | string)[] | null | undefined): number[] => (values ?? []).map((v) => toSafeNumber(v));

export async function loadRollups(db: Db, shopId: number): Promise<Rollups> {
  const salesColumns = Prisma.raw(
    SALES_COLUMNS.map(([field, column]) => `array_agg(${column}::int8 ORDER BY day) AS "${field}"`).join(", "),
  );
  const [sales] = await db.$queryRaw<Columns<"day" | SalesField>[]>`
    SELECT array_agg((day - DATE '1970-01-01')::int ORDER BY day) AS day, ${salesColumns}
    FROM kpi_sales_day WHERE shop_id = ${shopId}`;
  const [customers] = await db.$queryRaw<Columns<"day" | "a" | "ay" | "ar" | "n">[]>`
    SELECT array_agg((day - DATE '1970-01-01')::int) AS day, array_agg(active_delta) AS a, array_agg(active_year_delta) AS ay,
      array_agg(annual_retained_delta) AS ar, array_agg(new_customers) AS n
    FROM kpi_customer_day WHERE shop_id = ${shopId}`;
  const [cohortRows] = await db.$queryRaw<Columns<"day" | "cohort" | "net" | "n">[]>`
    SELECT array_agg((day - DATE '1970-01-01')::int) AS day, array_agg((cohort - DATE '1970-01-01')::int) AS cohort,
      array_agg(net_minor::text) AS net, array_agg(new_customers) AS n
    FROM kpi_cohort_day WHERE shop_id = ${shopId}`;

  const salesDays = numbers(sales?.day);
  const salesSums = Object.fromEntries(
    SALES_FIELDS.map((field) => {
      const values = numbers(sales?.[field]);
      return [field, new DaySums(salesDays.map((day, i) => [day, values[i]!] as const))];
    }),
  ) as Record<SalesField, DaySums>;
  const customerDays = numbers(customers?.day);
  const customerSums = (key: "a" | "ay" | "ar" | "n") => {
    const values = numbers(customers?.[key]);
    return new DaySums(customerDays.map((day, i) => [day, values[i]!] as const));
  };
  const cohortDays = numbers(cohortRows?.day);
  const cohortOf = numbers(cohortRows?.cohort);
  const cohortNet = numbers(cohortRows?.net);
  const cohortNew = numbers(cohortRows?.n);
  const byCohort = new Map<number, { net: [number, number][]; customers: [number, number][] }>();
  cohortDays.forEach((day, i) => {
    const cohort = cohortOf[i]!;
    const entry = byCohort.get(cohort) ?? { net: [], customers: [] };
    entry.net.push([day, cohortNet[i]!]);
    entry.customers.push([day, cohortNew[i]!]);
    byCohort.set(cohort, entry);
  });
  const days = [...salesDays, ...cohortDays];
  return {
    sales: salesSums,
    activeDelta: customerSums("a"),
    activeYearDelta: customerSums("ay"),
    annualRetainedDelta: customerSums("ar"),
    newCustomers: customerSums("n"),
    cohorts: new Map([...byCohort].map(([cohort, e]) => [cohort, { net: new DaySums(e.net), customers: new DaySums(e.customers) }])),
    firstDay: days.length ? days.reduce((a, b) => Math.min(a, b)) : null,
  };
}

export function salesBetween(rollups: Rollups, a: number, b: number): SalesSums {
  const out = zeroSales();
  for (const f of SALES_FIELDS) out[f] = rollups.sales[f].between(a, b);
  return out;
}
