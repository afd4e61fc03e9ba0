/**
 * How the history import hands its orders to the KPI engine. The import writes orders with the
 * transaction-local setting `pulse.bulk_import` on, so the insert trigger on "order" does not mark each
 * row dirty (migration 20261123160000_bulk_import_marks): an import inserts nearly every row of the
 * shop, and incremental marks for all of them cost a fifth of the database's work only to be thrown
 * away by the full rebuild that follows the import (app/sync/after-sync.server.ts). Instead, whenever an order
 * import stops, the shop's next recompute is made a full rebuild, and that survives a lost job.
 * docs/decisions/0010-bulk-import-writes.md.
 */
import type { PrismaClient } from "@prisma/client";
import { lockShopKpis } from "~/kpi-engine/shop-lock.server";

/** The setting the import's transactions turn on (see the migration above). */
export const BULK_IMPORT_SETTING = "pulse.bulk_import";

/** A recompute of a large shop can hold the lock for minutes; wait for it rather than fail. */
const WAIT_MS = 15 * 60_000;

/**
 * Makes the shop's next recompute a full rebuild: its engine state goes (recomputeShop rebuilds in full
 * without one), and a dirty mark tells the recompute sweep to come even if the rebuild the import asks
 * for never gets queued (a worker that dies between the last batch and the job). Waits for a recompute
 * that is running, so it cannot write the state back after this.
 */
export async function requireFullKpiRebuild(prisma: PrismaClient, shopId: number): Promise<void> {
  await prisma.$transaction(
    async (tx) => {
      // Holding the recompute lock, no recompute is running and none has read the state yet.
      await lockShopKpis(tx, shopId);
      await tx.$executeRaw`DELETE FROM kpi_engine_state WHERE shop_id = ${shopId}`;
      await tx.$executeRaw`
        INSERT INTO kpi_dirty_day (shop_id, day)
        SELECT id, kpi_local_day((now() AT TIME ZONE 'UTC')::timestamp, timezone) FROM shop WHERE id = ${shopId}
        ON CONFLICT DO NOTHING`;
    },
    { timeout: WAIT_MS, maxWait: WAIT_MS },
  );
}
