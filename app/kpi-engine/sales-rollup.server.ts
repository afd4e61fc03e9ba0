/**
 * kpi_sales_slot and kpi_sales_day: per 15-minute UTC slot, then per local day summed from the slots,
 * the counted orders placed then, the refunds booked then (on the refund date or the order date, per the
 * setting) and the checkouts and carts created then with how many of them were completed. Every zone's
 * midnight falls on a quarter hour, so each slot lies in one local day. Rebuilt day by day from the raw
 * rows, so it is idempotent.
 *
 * Layer: writing rollups (README.md, "Layers").
 */
import { Prisma } from "@prisma/client";
import pg from "pg";
import type { KpiSettings } from "~/kpi/settings";
import type { DayScope } from "./day-scope.server";
import { ALL_DAYS, dayInScope, isEmptyScope, rowsOnScopeDays } from "./day-scope.server";
import type { Db } from "./sql.server";
import { countedOrder } from "./sql.server";
import { SALES_COLUMNS } from "./rollups.server";

/** SQL: the 15-minute UTC slot of a timestamp column. */
const slotOf = (column: Prisma.Sql): Prisma.Sql =>
  Prisma.sql`date_bin('15 minutes', ${column}, TIMESTAMP '2000-01-01')`;

const SLOT_MS = 15 * 60_000;

const SUM_COLUMNS = Prisma.raw(SALES_COLUMNS.map(([, column]) => column).join(", "));
/** Every column of the joined parts, 0 where a part has no row for the slot. */
const ZERO_FOR_MISSING = Prisma.raw(SALES_COLUMNS.map(([, column]) => `COALESCE(${column}, 0)`).join(", "));

/** FROM item `(…) s`: the shop's kpi_sales_slot rows on the scope's days (each slot lies in one local day). */
const slotsOnScopeDays = (scope: DayScope, shopId: number, zone: string): Prisma.Sql =>
  rowsOnScopeDays(scope, "kpi_sales_slot", "s", "slot", shopId, zone);

export async function refreshSalesDays(
  db: Db,
  shopId: number,
  settings: KpiSettings,
  scope: DayScope,
): Promise<void> {
  if (isEmptyScope(scope)) return;
  const zone = settings.timezone;
  if (scope.kind === "all") await db.$executeRaw`DELETE FROM kpi_sales_slot WHERE shop_id = ${shopId}`;
  else
    await db.$executeRaw`DELETE FROM kpi_sales_slot WHERE shop_id = ${shopId} AND slot = ANY(ARRAY(SELECT s.slot FROM ${slotsOnScopeDays(scope, shopId, zone)}))`;
  // In slot order, so a day's slots share a page or two (see useSalesSlotsBuiltAside).
  await db.$executeRaw`INSERT INTO kpi_sales_slot (shop_id, slot, ${SUM_COLUMNS}) SELECT * FROM (${slotRowsSql(shopId, settings, scope)}) s ORDER BY slot`;
  await refreshDaysFromSlots(db, shopId, zone, scope);
}

/** kpi_sales_day of the scope's days, summed from their slots. */
async function refreshDaysFromSlots(db: Db, shopId: number, zone: string, scope: DayScope): Promise<void> {
  await db.$executeRaw`DELETE FROM kpi_sales_day WHERE shop_id = ${shopId} ${dayInScope(scope, Prisma.sql`day`)}`;
  const sums = Prisma.raw(SALES_COLUMNS.map(([, column]) => `sum(s.${column})`).join(", "));
  await db.$executeRaw`
    INSERT INTO kpi_sales_day (shop_id, day, ${SUM_COLUMNS})
    SELECT ${shopId}, kpi_local_day(s.slot, ${zone}), ${sums}
    FROM ${slotsOnScopeDays(scope, shopId, zone)}
    GROUP BY 2`;
}

const buildTable = (shopId: number): Prisma.Sql => {
  if (!Number.isSafeInteger(shopId) || shopId <= 0) throw new RangeError(`not a shop id: ${shopId}`);
  return Prisma.raw(`"kpi_sales_slot_build_${shopId}"`);
};

/**
 * A full rebuild's slots, computed on a connection of its own (committed into a per-shop UNLOGGED
 * table) while the rebuild's transaction builds the customer rows: the two longest steps of a full
 * rebuild then share the machine's cores instead of running one after the other (decision 0015). The
 * transaction's statements read committed data one by one (READ COMMITTED) already, so this reads
 * nothing a later statement of the transaction could not. The caller holds the shop's recompute lock.
 */
export async function buildSalesSlotsAside(
  databaseUrl: string,
  shopId: number,
  settings: KpiSettings,
): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const run = async (sql: Prisma.Sql) => void (await client.query(sql.text, sql.values));
    await run(Prisma.sql`SET work_mem = '256MB'`);
    await run(Prisma.sql`DROP TABLE IF EXISTS ${buildTable(shopId)}`);
    await run(
      Prisma.sql`CREATE UNLOGGED TABLE ${buildTable(shopId)} (LIKE kpi_sales_slot INCLUDING DEFAULTS)`,
    );
    await run(
      Prisma.sql`INSERT INTO ${buildTable(shopId)} (shop_id, slot, ${SUM_COLUMNS}) ${slotRowsSql(shopId, settings, ALL_DAYS)}`,
    );
  } finally {
    await client.end();
  }
}

/** Replaces the shop's slots with those buildSalesSlotsAside committed, and its days with their sums. */
export async function useSalesSlotsBuiltAside(db: Db, shopId: number, settings: KpiSettings): Promise<void> {
  await db.$executeRaw`DELETE FROM kpi_sales_slot WHERE shop_id = ${shopId}`;
  // In slot order: hashed out of the aggregate, a day's 96 slots lay on ~93 pages, and a recompute reading
  // the whole slots of a few dozen day pieces read ~1,000 pages, often from disk after a rebuild.
  await db.$executeRaw`INSERT INTO kpi_sales_slot (shop_id, slot, ${SUM_COLUMNS}) SELECT shop_id, slot, ${SUM_COLUMNS} FROM ${buildTable(shopId)} ORDER BY slot`;
  await db.$executeRaw`DROP TABLE ${buildTable(shopId)}`;
  await refreshDaysFromSlots(db, shopId, settings.timezone, ALL_DAYS);
}

/** Removes a slot table left by a rebuild that failed after building it (shop redaction). */
export async function dropSalesSlotsBuiltAside(db: Db, shopId: number): Promise<void> {
  await db.$executeRaw`DROP TABLE IF EXISTS ${buildTable(shopId)}`;
}

/** The refund columns of a slot row. */
const REFUND_COLUMNS = [
  "returns_minor",
  "shipping_refunded_minor",
  "taxes_refunded_minor",
  "duties_refunded_minor",
] as const;

/**
 * After the refund setting changed: books every refund in the slot the setting now names, leaving the
 * orders' and checkouts' sums (the bulk of a slot rebuild) as they are, then sums the days again. The
 * slots come out as a rebuild writes them: one per slot with an order, a checkout, a cart or a refund.
 */
export async function rebookRefundsInSlots(db: Db, shopId: number, settings: KpiSettings): Promise<void> {
  const zeroed = Prisma.raw(REFUND_COLUMNS.map((column) => `${column} = 0`).join(", "));
  const nonZero = Prisma.raw(REFUND_COLUMNS.map((column) => `${column} <> 0`).join(" OR "));
  const columns = Prisma.raw(REFUND_COLUMNS.join(", "));
  const fromNew = Prisma.raw(REFUND_COLUMNS.map((column) => `${column} = EXCLUDED.${column}`).join(", "));
  const empty = Prisma.raw(SALES_COLUMNS.map(([, column]) => `${column} = 0`).join(" AND "));
  await db.$executeRaw`UPDATE kpi_sales_slot SET ${zeroed} WHERE shop_id = ${shopId} AND (${nonZero})`;
  // Only refunds make a slot row whose sums are all zero (an order, a checkout or a cart counts 1):
  // those go before the refunds are booked again, which may bring some back.
  await db.$executeRaw`DELETE FROM kpi_sales_slot WHERE shop_id = ${shopId} AND ${empty}`;
  await db.$executeRaw`
    INSERT INTO kpi_sales_slot (shop_id, slot, ${columns})
    SELECT ${shopId}, b.slot, ${refundSums}
    FROM (${refundsBooked(shopId, settings, ALL_DAYS)}) b GROUP BY b.slot
    ON CONFLICT (shop_id, slot) DO UPDATE SET ${fromNew}`;
  await refreshDaysFromSlots(db, shopId, settings.timezone, ALL_DAYS);
}

/** The refund columns' sums over a group of `b` rows (refundsBooked), named as in the slot table. */
const refundSums = Prisma.sql`sum(b.lines_subtotal_minor) AS returns_minor, sum(b.shipping_minor) AS shipping_refunded_minor,
  sum(b.taxes_minor) AS taxes_refunded_minor, sum(b.duties_minor) AS duties_refunded_minor`;

/**
 * Refunds of counted orders booked on the scope's days, each with the slot it is booked in: that of its
 * refund date or of its order's date, per the setting.
 */
function refundsBooked(shopId: number, settings: KpiSettings, scope: DayScope): Prisma.Sql {
  const zone = settings.timezone;
  return settings.refundAttribution === "refund-date"
    ? Prisma.sql`SELECT ${slotOf(Prisma.sql`r.refunded_at`)} AS slot, r.*
        FROM ${rowsOnScopeDays(scope, "refund", "r", "refunded_at", shopId, zone)}
        JOIN "order" o ON o.shop_id = r.shop_id AND o.id = r.order_id AND ${countedOrder("o")}`
    : Prisma.sql`SELECT ${slotOf(Prisma.sql`o.ordered_at`)} AS slot, r.*
        FROM ${rowsOnScopeDays(scope, `"order"`, "o", "ordered_at", shopId, zone)} JOIN refund r ON r.shop_id = o.shop_id AND r.order_id = o.id
        WHERE ${countedOrder("o")}`;
}

/** The slot rows (shop_id, slot, SALES_COLUMNS…) of the scope's days, from the raw rows. */
function slotRowsSql(shopId: number, settings: KpiSettings, scope: DayScope): Prisma.Sql {
  const zone = settings.timezone;
  const orders = rowsOnScopeDays(scope, `"order"`, "o", "ordered_at", shopId, zone);

  // Each part is summed per slot and the parts are joined on the slot: re-summing a UNION ALL of them
  // would add numeric sums over every wide row of the union, a costly step of a full rebuild.
  return Prisma.sql`
    SELECT ${shopId}::int, slot, ${ZERO_FOR_MISSING}
    FROM (
      SELECT ${slotOf(Prisma.sql`o.ordered_at`)} AS slot, count(*) AS orders, count(o.customer_key) AS identified_orders,
        sum(o.units) AS units, sum(o.gross_minor) AS gross_minor, sum(o.discounts_minor) AS discounts_minor,
        sum(o.shipping_minor) AS shipping_minor, sum(o.taxes_minor) AS taxes_minor, sum(o.duties_minor) AS duties_minor
      FROM ${orders} WHERE ${countedOrder("o")} GROUP BY 1
    ) o
    FULL JOIN (
      SELECT b.slot, ${refundSums} FROM (${refundsBooked(shopId, settings, scope)}) b GROUP BY 1
    ) b USING (slot)
    FULL JOIN (
      SELECT k.slot, k.created AS checkouts_created, k.completed AS checkouts_completed FROM (${createdPerSlot(scope, shopId, zone, "checkout")}) k
    ) k USING (slot)
    FULL JOIN (
      SELECT c.slot, c.created AS carts_created, c.completed AS carts_completed FROM (${createdPerSlot(scope, shopId, zone, "cart")}) c
    ) c USING (slot)`;
}

/** A slot-aligned instant at or before / after `instant`. */
export const slotFloor = (instant: Date): Date => new Date(Math.floor(instant.getTime() / SLOT_MS) * SLOT_MS);
export const slotCeil = (instant: Date): Date => new Date(Math.ceil(instant.getTime() / SLOT_MS) * SLOT_MS);
/**
 * Checkouts (or carts) created per 15-minute UTC slot, and how many completed: completed_at set
 * (checkouts) or an order carrying the token, so a recovered checkout counts. Every zone's midnight is
 * on a quarter hour, so a slot lies in one local day; converting slots, not rows, to local days and
 * hashing the orders' tokens once keep a full rebuild's checkout pass short (decision 0012).
 * For a few days, an index probe per checkout reads less than hashing every token.
 */
function createdPerSlot(
  scope: DayScope,
  shopId: number,
  zone: string,
  table: "checkout" | "cart",
): Prisma.Sql {
  const tokenColumn = Prisma.raw(table === "checkout" ? "checkout_token" : "cart_token");
  const carried =
    scope.kind === "all"
      ? Prisma.sql`t.token IN (SELECT ${tokenColumn} FROM "order" WHERE shop_id = ${shopId} AND ${tokenColumn} IS NOT NULL)`
      : Prisma.sql`EXISTS (SELECT 1 FROM "order" x WHERE x.shop_id = ${shopId} AND x.${tokenColumn} = t.token)`;
  const completed = table === "checkout" ? Prisma.sql`(t.completed_at IS NOT NULL OR ${carried})` : carried;
  // A cart exists from its carts/create: one known only from carts/update is no cart
  // (docs/kpi-definitions.md, Abandonment).
  const exists = table === "cart" ? Prisma.sql`WHERE t.create_seen_at IS NOT NULL` : Prisma.empty;
  return Prisma.sql`
    SELECT date_bin('15 minutes', t.shopify_created_at, TIMESTAMP '2000-01-01') AS slot, count(*) AS created,
      count(*) FILTER (WHERE ${completed}) AS completed
    FROM ${rowsOnScopeDays(scope, table, "t", "shopify_created_at", shopId, zone)}
    ${exists}
    GROUP BY 1`;
}
