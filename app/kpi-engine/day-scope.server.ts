/**
 * Which local days a rollup refresh covers: every day of the shop (full rebuild) or a set of days
 * (incremental). For a set, rows are reached through their (shop_id, timestamp) index, one UTC range per
 * day with a ±1 day margin (UTC offsets stay within ±14 h), then kept only on their exact local day, so
 * each row joins the one scope day it belongs to.
 */
import { Prisma } from "@prisma/client";

export type DayScope = { readonly kind: "all" } | { readonly kind: "days"; readonly days: readonly number[] };

export const ALL_DAYS: DayScope = { kind: "all" };

export function daysScope(days: Iterable<number>): DayScope {
  return { kind: "days", days: [...new Set(days)].sort((a, b) => a - b) };
}

export function isEmptyScope(scope: DayScope): boolean {
  return scope.kind === "days" && scope.days.length === 0;
}

/**
 * FROM item `(…) alias`: the shop's `table` rows whose `column` (a UTC timestamp) falls on a scope day in
 * `zone`. With the full scope, simply the shop's rows.
 */
export function rowsOnScopeDays(
  scope: DayScope,
  table: string,
  alias: string,
  column: string,
  shopId: number,
  zone: string,
): Prisma.Sql {
  const from = Prisma.raw(table);
  const as = Prisma.raw(alias);
  const at = Prisma.raw(`t.${column}`);
  if (scope.kind === "all") return Prisma.sql`(SELECT * FROM ${from} WHERE shop_id = ${shopId}) AS ${as}`;
  return Prisma.sql`(SELECT t.* FROM unnest(${scope.days as number[]}::int[]) AS scope_day(n)
    JOIN ${from} t ON t.shop_id = ${shopId}
      AND ${at} >= (DATE '1970-01-01' + scope_day.n - 1)::timestamp
      AND ${at} < (DATE '1970-01-01' + scope_day.n + 2)::timestamp
      AND kpi_local_day(${at}, ${zone}) = DATE '1970-01-01' + scope_day.n) AS ${as}`;
}

/** `AND <date column> in scope`. */
export function dayInScope(scope: DayScope, column: Prisma.Sql): Prisma.Sql {
  if (scope.kind === "all") return Prisma.empty;
  return Prisma.sql`AND ${column} = ANY(ARRAY(SELECT DATE '1970-01-01' + n FROM unnest(${scope.days as number[]}::int[]) AS n))`;
}
