/**
 * Takes the shop's dirty marks (written by the triggers) for this recompute, in its transaction.
 *
 * Layer: marking (README.md, "Layers").
 */
import type { Db } from "./sql.server";

export interface DirtyMarks {
  readonly days: number[];
  readonly customers: string[];
}

export async function claimDirtyMarks(db: Db, shopId: number): Promise<DirtyMarks> {
  const days = await db.$queryRaw<{ day: number }[]>`
    DELETE FROM kpi_dirty_day WHERE shop_id = ${shopId} RETURNING (day - DATE '1970-01-01')::int AS day`;
  const customers = await db.$queryRaw<{ key: string }[]>`
    DELETE FROM kpi_dirty_customer WHERE shop_id = ${shopId} RETURNING customer_key AS key`;
  return { days: days.map((r) => r.day), customers: customers.map((r) => r.key) };
}

export async function hasDirtyMarks(db: Db, shopId: number): Promise<boolean> {
  const [row] = await db.$queryRaw<{ dirty: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM kpi_dirty_day WHERE shop_id = ${shopId})
        OR EXISTS (SELECT 1 FROM kpi_dirty_customer WHERE shop_id = ${shopId}) AS dirty`;
  return row?.dirty ?? false;
}
