/**
 * Brings every shop's daily reconciliation scheduler in line with the database. A scheduler lives in the
 * queue backend, so switching backends (PostgreSQL to Redis, or a Redis that lost its data) would leave
 * every shop without one until its next import; an uninstalled shop's would keep firing and be skipped.
 */
import type { PrismaClient } from "@prisma/client";
import type { Queues } from "./producer.server";

const SCHEDULER_ID = /^reconcile-(\d+)$/;

/**
 * Installed shops whose history import has ended get their scheduler (in their time zone); shops no
 * longer installed lose theirs. A shop still importing keeps whatever it has: its import's end may be
 * upserting one right now.
 */
export async function syncAllReconcileSchedules(
  prisma: PrismaClient,
  queues: Pick<Queues, "reconcile" | "scheduleReconcile">,
): Promise<{ scheduled: number; removed: number }> {
  const shops = await prisma.shop.findMany({
    where: { state: "installed", syncStates: { some: {}, none: { finishedAt: null } } },
    select: { id: true, timezone: true },
  });
  for (const shop of shops) await queues.scheduleReconcile(shop.id, shop.timezone);
  let removed = 0;
  for (const scheduler of await queues.reconcile.getJobSchedulers()) {
    const shopId = SCHEDULER_ID.exec(scheduler.key)?.[1];
    if (shopId === undefined) continue;
    const shop = await prisma.shop.findUnique({ where: { id: Number(shopId) }, select: { state: true } });
    if (shop?.state === "installed") continue;
    await queues.reconcile.removeJobScheduler(scheduler.key);
    removed += 1;
  }
  return { scheduled: shops.length, removed };
}
