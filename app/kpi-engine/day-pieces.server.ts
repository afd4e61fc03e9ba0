/**
 * Sales, checkout and cart sums over pieces of local days: the whole 15-minute slots inside the piece
 * from kpi_sales_slot, and the raw rows of the (at most two) partial slots at its ends, so a piece reads
 * at most a day's slots and half an hour of rows however busy the shop is.
 *
 * Layer: reading facts (README.md, "Layers").
 */
import { Prisma } from "@prisma/client";
import type { KpiSettings } from "~/kpi/settings";
import type { SalesSums } from "./rollups.server";
import { SALES_COLUMNS, zeroSales } from "./rollups.server";
import type { DayPiece } from "./spans";
import type { Db } from "./sql.server";
import { slotCeil, slotFloor } from "./sales-rollup.server";
import { countedOrder, sqlInstant, sqlTimestampText, toSafeNumber } from "./sql.server";

export const pieceKey = (piece: Pick<DayPiece, "start" | "end">): string =>
  `${piece.start.toISOString()}/${piece.end.toISOString()}`;

type Row = Record<string, bigint | number | string | null>;

interface Range {
  readonly i: number;
  readonly start: Date;
  readonly end: Date;
}

export async function salesOfPieces(
  db: Db,
  shopId: number,
  settings: KpiSettings,
  pieces: readonly DayPiece[],
): Promise<Map<string, SalesSums>> {
  const out = new Map<string, SalesSums>();
  const unique = [...new Map(pieces.map((p) => [pieceKey(p), p])).entries()];
  if (unique.length === 0) return out;
  // Each piece: its whole slots from kpi_sales_slot, and raw rows for the partial slots at its ends.
  const slotRanges: Range[] = [];
  const rawRanges: Range[] = [];
  unique.forEach(([, piece], i) => {
    const from = slotCeil(piece.start);
    const to = slotFloor(piece.end);
    if (from.getTime() >= to.getTime()) return void rawRanges.push({ i, start: piece.start, end: piece.end });
    slotRanges.push({ i, start: from, end: to });
    if (piece.start.getTime() < from.getTime()) rawRanges.push({ i, start: piece.start, end: from });
    if (to.getTime() < piece.end.getTime()) rawRanges.push({ i, start: to, end: piece.end });
  });
  // Two statements whatever the number of pieces: the ranges come in as arrays and each is summed by a
  // LATERAL subquery planned once (one sub-SELECT per piece made planning the larger cost).
  const ranges = (
    list: Range[],
  ) => Prisma.sql`unnest(${list.map((r) => r.i)}::int[], ${list.map((r) => sqlTimestampText(r.start))}::timestamp[],
    ${list.map((r) => sqlTimestampText(r.end))}::timestamp[]) AS p(i, s, e)`;
  const refunds =
    settings.refundAttribution === "refund-date"
      ? Prisma.sql`FROM refund r JOIN "order" o ON o.shop_id = r.shop_id AND o.id = r.order_id
          WHERE r.shop_id = ${shopId} AND r.refunded_at >= p.s AND r.refunded_at < p.e AND ${countedOrder("o")}`
      : Prisma.sql`FROM "order" o JOIN refund r ON r.shop_id = o.shop_id AND r.order_id = o.id
          WHERE o.shop_id = ${shopId} AND o.ordered_at >= p.s AND o.ordered_at < p.e AND ${countedOrder("o")}`;
  const parts: Prisma.Sql[] = [];
  if (slotRanges.length) {
    parts.push(Prisma.sql`
      SELECT p.i, t.* FROM ${ranges(slotRanges)} CROSS JOIN LATERAL (
        SELECT ${Prisma.raw(SALES_COLUMNS.map(([field, column]) => `sum(${column}) AS "${field}"`).join(", "))}
        FROM kpi_sales_slot WHERE shop_id = ${shopId} AND slot >= p.s AND slot < p.e) t`);
  }
  if (rawRanges.length) {
    parts.push(Prisma.sql`
      SELECT p.i, o.*, r.*, k.*, c.* FROM ${ranges(rawRanges)}
        CROSS JOIN LATERAL (SELECT count(*) AS orders, count(o.customer_key) AS "identifiedOrders", sum(o.units) AS units,
           sum(o.gross_minor) AS "grossMinor", sum(o.discounts_minor) AS "discountsMinor", sum(o.shipping_minor) AS "shippingMinor",
           sum(o.taxes_minor) AS "taxesMinor", sum(o.duties_minor) AS "dutiesMinor"
         FROM "order" o WHERE o.shop_id = ${shopId} AND o.ordered_at >= p.s AND o.ordered_at < p.e AND ${countedOrder("o")}) o
        CROSS JOIN LATERAL (SELECT sum(r.lines_subtotal_minor) AS "returnsMinor", sum(r.shipping_minor) AS "shippingRefundedMinor",
           sum(r.taxes_minor) AS "taxesRefundedMinor", sum(r.duties_minor) AS "dutiesRefundedMinor" ${refunds}) r
        CROSS JOIN LATERAL (SELECT count(*) AS "checkoutsCreated", count(*) FILTER (WHERE k.completed_at IS NOT NULL
           OR EXISTS (SELECT 1 FROM "order" x WHERE x.shop_id = k.shop_id AND x.checkout_token = k.token)) AS "checkoutsCompleted"
         FROM checkout k WHERE k.shop_id = ${shopId} AND k.shopify_created_at >= p.s AND k.shopify_created_at < p.e) k
        CROSS JOIN LATERAL (SELECT count(*) AS "cartsCreated",
           count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "order" x WHERE x.shop_id = c.shop_id AND x.cart_token = c.token)) AS "cartsCompleted"
         FROM cart c WHERE c.shop_id = ${shopId} AND c.shopify_created_at >= p.s AND c.shopify_created_at < p.e
           AND c.create_seen_at IS NOT NULL) c`);
  }

  const rows = await db.$queryRaw<(Row & { i: number })[]>`${Prisma.join(parts, " UNION ALL ")}`;
  for (const row of rows) {
    const key = unique[row.i]![0];
    const sums = out.get(key) ?? zeroSales();
    for (const field of Object.keys(sums) as (keyof SalesSums)[]) sums[field] += toSafeNumber(row[field]);
    out.set(key, sums);
  }
  return out;
}

/** Creation instants of checkouts and carts not completed and still inside the grace time at `now`. */
export async function undecidedCreations(
  db: Db,
  shopId: number,
  now: Date,
  graceMinutes: number,
): Promise<{ checkouts: Date[]; carts: Date[] }> {
  // Abandoned means created MORE than the grace time ago, so exactly the grace time is still undecided.
  const since = sqlInstant(new Date(now.getTime() - graceMinutes * 60_000));
  const checkouts = await db.$queryRaw<{ at: Date }[]>`
    SELECT k.shopify_created_at AS at FROM checkout k
    WHERE k.shop_id = ${shopId} AND k.shopify_created_at >= ${since} AND k.completed_at IS NULL
      AND NOT EXISTS (SELECT 1 FROM "order" x WHERE x.shop_id = k.shop_id AND x.checkout_token = k.token)`;
  const carts = await db.$queryRaw<{ at: Date }[]>`
    SELECT c.shopify_created_at AS at FROM cart c
    WHERE c.shop_id = ${shopId} AND c.shopify_created_at >= ${since} AND c.create_seen_at IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM "order" x WHERE x.shop_id = c.shop_id AND x.cart_token = c.token)`;
  return { checkouts: checkouts.map((r) => r.at), carts: carts.map((r) => r.at) };
}
