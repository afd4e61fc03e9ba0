/**
 * The shop's recompute lock: recomputeShop holds it for its whole transaction, so one recompute of a
 * shop runs at a time whatever the queue does. Whoever else takes it (a redaction, the history
 * import's handoff) waits for a running recompute and keeps the next one out until it commits.
 */
import type { Db } from "./sql.server";

/** The advisory lock's first key; the shop id is the second. */
const RECOMPUTE_LOCK = 7301;

export async function lockShopKpis(db: Db, shopId: number): Promise<void> {
  await db.$executeRaw`SELECT pg_advisory_xact_lock(${RECOMPUTE_LOCK}::int, ${shopId}::int)`;
}

/** The same lock if no one holds it; false at once otherwise (the incremental queue does not wait). */
export async function tryLockShopKpis(db: Db, shopId: number): Promise<boolean> {
  const [lock] = await db.$queryRaw<{ taken: boolean }[]>`
    SELECT pg_try_advisory_xact_lock(${RECOMPUTE_LOCK}::int, ${shopId}::int) AS taken`;
  return lock?.taken ?? false;
}
