/**
 * Each shop's customer-order rows (see customer-rows.server.ts) live in a table of their own,
 * kpi_customer_order_<shop id>. A full rebuild writes a fresh table without indexes, indexes it once
 * loaded and swaps it in: on a 1,000,000-order shop that is about half the time of deleting and
 * re-inserting into a shared, indexed table, leaves no dead rows behind, and locks no other shop
 * (docs/decisions/0011-per-shop-customer-order-tables.md).
 *
 * Layer: writing rollups (the table is read by the reading layer and by app/clv) (README.md, "Layers").
 */
import { Prisma } from "@prisma/client";
import type { Db } from "./sql.server";

const name = (shopId: number, suffix = ""): string => {
  if (!Number.isSafeInteger(shopId) || shopId <= 0) throw new RangeError(`not a shop id: ${shopId}`);
  return `kpi_customer_order_${shopId}${suffix}`;
};

/** The shop's table, for use in SQL (always alias it or qualify columns as the callers do). */
export const customerOrders = (shopId: number): Prisma.Sql => Prisma.raw(`"${name(shopId)}"`);

const COLUMNS = `
  shop_id integer NOT NULL, order_id bigint NOT NULL, customer_key text NOT NULL, ordered_at timestamp(3) NOT NULL,
  day date NOT NULL, prev_at timestamp(3), prev_day date, next_at timestamp(3), next_day date, seq integer NOT NULL,
  first_day date NOT NULL, net_minor bigint NOT NULL`;

/**
 * Indexes: by customer (a rebuild loads in that order; incremental recomputes replace a customer's rows)
 * and by day (edges and range counts read a few days).
 */
async function createIndexes(db: Db, table: string): Promise<void> {
  await db.$executeRawUnsafe(
    `ALTER TABLE "${table}" ADD CONSTRAINT "${table}_pkey" PRIMARY KEY (customer_key, ordered_at, order_id)`,
  );
  await db.$executeRawUnsafe(`CREATE INDEX "${table}_day" ON "${table}" (day)`);
}

/**
 * Replaces the shop's table with rows from `select` (a SELECT of the table's columns in order). Derived
 * data: UNLOGGED, like the other rollups.
 */
export async function replaceCustomerOrders(db: Db, shopId: number, select: Prisma.Sql): Promise<void> {
  const build = name(shopId, "_build");
  const final = name(shopId);
  await db.$executeRawUnsafe(`DROP TABLE IF EXISTS "${build}"`);
  await db.$executeRawUnsafe(`CREATE UNLOGGED TABLE "${build}" (${COLUMNS})`);
  // Stored in day order: recomputes read a few days' rows (edges, range counts), which then sit on a few
  // pages instead of one page per row; per-customer reads touch a handful of rows either way. The sort
  // costs a full rebuild a little and saves every incremental recompute far more (decision 0011).
  await db.$executeRaw`INSERT INTO ${Prisma.raw(`"${build}"`)} SELECT * FROM (${select}) AS loaded ORDER BY day`;
  await createIndexes(db, build);
  await db.$executeRawUnsafe(`DROP TABLE IF EXISTS "${final}"`);
  await db.$executeRawUnsafe(`ALTER TABLE "${build}" RENAME TO "${final}"`);
  await db.$executeRawUnsafe(`ALTER INDEX "${build}_pkey" RENAME TO "${final}_pkey"`);
  await db.$executeRawUnsafe(`ALTER INDEX "${build}_day" RENAME TO "${final}_day"`);
  // Fresh statistics, or the queries that follow in this transaction are planned for an empty table.
  await db.$executeRawUnsafe(`ANALYZE "${final}"`);
}

/**
 * JOIN items that give each row of `refunds` (an alias with shop_id and order_id) its order's customer
 * row as `k`: the order by primary key, then the row by the table's primary key (LATERAL … OFFSET 0: a
 * probe per refund, where a planner misled by a small temporary table's estimates would hash the table).
 * Refunds of orders without a row (guests without an email, uncounted orders) drop out.
 */
export function customerRowOfRefund(shopId: number, refunds: string): Prisma.Sql {
  const r = Prisma.raw(refunds);
  return Prisma.sql`JOIN "order" ro ON ro.shop_id = ${r}.shop_id AND ro.id = ${r}.order_id
    CROSS JOIN LATERAL (SELECT * FROM ${customerOrders(shopId)} k
      WHERE k.customer_key = ro.customer_key AND k.ordered_at = ro.ordered_at AND k.order_id = ro.id OFFSET 0) k`;
}

/** Creates the shop's (empty) table if it does not exist yet. */
export async function ensureCustomerOrders(db: Db, shopId: number): Promise<void> {
  const table = name(shopId);
  if (await customerOrdersExist(db, shopId)) return;
  await db.$executeRawUnsafe(`CREATE UNLOGGED TABLE "${table}" (${COLUMNS})`);
  await createIndexes(db, table);
}

export async function customerOrdersExist(db: Db, shopId: number): Promise<boolean> {
  const [row] = await db.$queryRaw<
    { exists: boolean }[]
  >`SELECT to_regclass(${`"${name(shopId)}"`}) IS NOT NULL AS exists`;
  return row?.exists ?? false;
}

/** Removes the shop's table (shop redaction). */
export async function dropCustomerOrders(db: Db, shopId: number): Promise<void> {
  await db.$executeRawUnsafe(`DROP TABLE IF EXISTS "${name(shopId)}"`);
  await db.$executeRawUnsafe(`DROP TABLE IF EXISTS "${name(shopId, "_build")}"`);
}
