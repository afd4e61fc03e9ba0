/**
 * Which local days a rollup refresh covers: every day of the shop (full rebuild) or a set of days
 * (incremental). For a set, rows are reached through their (shop_id, timestamp) index, one range per day
 * from its local midnight to the next (the same instants the 15-minute slots are cut at), so each row
 * joins the one scope day it belongs to. A ±1 day UTC margin filtered by local day read three times the
 * rows, each converted to its zone.
 *
 * Layer: writing rollups (README.md, "Layers").
 */
import { Prisma } from "@prisma/client";
import { dayStart } from "./spans";
import { sqlTimestampText } from "./sql.server";

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
  const at = Prisma.raw(column);
  if (scope.kind === "all") return Prisma.sql`(SELECT * FROM ${from} WHERE shop_id = ${shopId}) AS ${as}`;
  const starts = scope.days.map((day) => sqlTimestampText(dayStart(day, zone)));
  const ends = scope.days.map((day) => sqlTimestampText(dayStart(day + 1, zone)));
  // LATERAL … OFFSET 0 keeps each day's range an index condition whatever the planner's estimates (a
  // freshly rebuilt table's statistics can still claim the shop has no rows, and it would scan them all).
  return Prisma.sql`(SELECT t.* FROM unnest(${starts}::timestamp[], ${ends}::timestamp[]) AS scope_day(s, e)
    CROSS JOIN LATERAL (SELECT * FROM ${from} WHERE shop_id = ${shopId} AND ${at} >= scope_day.s AND ${at} < scope_day.e OFFSET 0) t) AS ${as}`;
}

/** `AND <date column> in scope`. */
export function dayInScope(scope: DayScope, column: Prisma.Sql): Prisma.Sql {
  if (scope.kind === "all") return Prisma.empty;
  return Prisma.sql`AND ${column} = ANY(ARRAY(SELECT DATE '1970-01-01' + n FROM unnest(${scope.days as number[]}::int[]) AS n))`;
}
