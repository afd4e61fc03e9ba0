/**
 * What the KPI engine forgets on a privacy request. Its rows are derived, but some are keyed by who a
 * customer was (c:<id>, e:<email>), so a redaction cannot wait for the next recompute to re-key them.
 * Both functions take the shop's recompute lock, so no recompute that read the old rows can write them back.
 *
 * Layer: forgetting: privacy requests, under the recompute lock (README.md, "Layers").
 */
import { Prisma } from "@prisma/client";
import { customerOrdersExist, customerOrders, dropCustomerOrders } from "./customer-orders-table.server";
import { dropSalesSlotsBuiltAside } from "./sales-rollup.server";
import { lockShopKpis } from "./shop-lock.server";
import type { Db } from "./sql.server";

export interface KeyRename {
  readonly from: string;
  readonly to: string;
}

/**
 * Moves the engine's customer-order rows of each old customer key to its new (anonymous) key, one to
 * one: they are the rows a rebuild would derive from the re-keyed orders, so no count or sum moves.
 * Marks of the old keys go (the order trigger has already marked the new ones), and so do the old keys'
 * CLV predictions: the customer leaves the Customers page now, and comes back anonymous at the next fit.
 */
export async function renameCustomerKeys(
  db: Db,
  shopId: number,
  renames: readonly KeyRename[],
): Promise<void> {
  if (renames.length === 0) return;
  await lockShopKpis(db, shopId);
  const from = renames.map((r) => r.from);
  const map = Prisma.sql`unnest(${from}::text[], ${renames.map((r) => r.to)}::text[]) AS m(from_key, to_key)`;
  if (await customerOrdersExist(db, shopId)) {
    await db.$executeRaw`UPDATE ${customerOrders(shopId)} k SET customer_key = m.to_key FROM ${map} WHERE k.customer_key = m.from_key`;
  }
  await db.$executeRaw`DELETE FROM clv_prediction WHERE shop_id = ${shopId} AND customer_key = ANY(${from}::text[])`;
  await db.$executeRaw`DELETE FROM kpi_dirty_customer WHERE shop_id = ${shopId} AND customer_key = ANY(${from}::text[])`;
}

/** The engine's tables keyed by shop_id; the per-shop tables are dropped on their own. */
const SHOP_TABLES = [
  "kpi_dirty_day",
  "kpi_dirty_customer",
  "kpi_sales_slot",
  "kpi_sales_day",
  "kpi_customer_day",
  "kpi_cohort_day",
  "kpi_period_customers",
  "kpi_snapshot_period",
  "kpi_snapshot_live",
  "kpi_engine_state",
  "clv_prediction",
  "clv_segment_count",
  "clv_model_run",
] as const;

/** shop/redact: every engine row of the shop, and its own tables. */
export async function forgetShopKpis(db: Db, shopId: number): Promise<void> {
  await lockShopKpis(db, shopId);
  for (const table of SHOP_TABLES)
    await db.$executeRawUnsafe(`DELETE FROM "${table}" WHERE shop_id = $1`, shopId);
  await dropCustomerOrders(db, shopId);
  await dropSalesSlotsBuiltAside(db, shopId);
}
