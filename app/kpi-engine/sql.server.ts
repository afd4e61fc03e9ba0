/**
 * Small helpers shared by the engine's SQL. Days travel as integer day numbers (days since 1970-01-01,
 * the pure calendar's `dayNumber`), instants as UTC timestamps without time zone, as the tables store them.
 *
 * Layer: shared by every layer (README.md, "Layers").
 */
import { Prisma } from "@prisma/client";

export type Db = Prisma.TransactionClient;

/** A local calendar day as SQL `date`. */
export const sqlDay = (dayNumber: number): Prisma.Sql => Prisma.sql`(DATE '1970-01-01' + ${dayNumber}::int)`;

/** An instant as the text of a SQL `timestamp` (UTC wall time), e.g. for a `::timestamp[]` array parameter. */
export const sqlTimestampText = (instant: Date): string =>
  instant.toISOString().replace("T", " ").replace("Z", "");

/** An instant as SQL `timestamp` (UTC wall time), independent of the session time zone. */
export const sqlInstant = (instant: Date): Prisma.Sql => Prisma.sql`${sqlTimestampText(instant)}::timestamp`;

/** SQL expression: day number of a `date` column. */
export const dayNumberOf = (column: Prisma.Sql): Prisma.Sql => Prisma.sql`(${column} - DATE '1970-01-01')`;

/**
 * Counted order (docs/kpi-definitions.md, Ground rules): not a test, not deleted, not cancelled; `alias` is
 * the order table's alias.
 */
export const countedOrder = (alias: string): Prisma.Sql =>
  Prisma.raw(`(NOT ${alias}.test AND ${alias}.deleted_at IS NULL AND ${alias}.cancelled_at IS NULL)`);

/** Converts a bigint/numeric result column (sums of minor units) to a safe integer number. */
export function toSafeNumber(value: bigint | number | string | null | undefined): number {
  if (value === null || value === undefined) return 0;
  const n = typeof value === "number" ? value : Number(value);
  if (!Number.isSafeInteger(n))
    throw new RangeError(`KPI sum out of the safe integer range: ${String(value)}`);
  return n;
}

/**
 * A PostgreSQL array literal (`{1,NULL,2.5}`, `{"a","b"}`) of numbers or strings, to send a long column
 * as one text parameter and cast it (`::float8[]`, `::text[]`). Numbers keep JavaScript's shortest
 * round-trip form, so a float8 arrives exactly.
 */
export function arrayLiteral(items: readonly (number | string | null)[]): string {
  const element = (item: number | string | null): string => {
    if (item === null) return "NULL";
    if (typeof item === "number") return String(item);
    return `"${item.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
  };
  return `{${items.map(element).join(",")}}`;
}
