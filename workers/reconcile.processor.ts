import type { Job } from "bullmq";
import { reconcileShop, type ReconcileDeps } from "../app/backfill/reconcile.server";
import type { ReconcileJob } from "./reconcile.queue";

/** Idempotent: a rerun re-reads the same window and finds nothing left to repair. */
export function createReconcileProcessor(deps: ReconcileDeps) {
  return async (job: Job<ReconcileJob>) => {
    const shop = await deps.prisma.shop.findUnique({ where: { id: job.data.shopId }, select: { state: true } });
    if (shop?.state !== "installed") return { skipped: "shop not installed" };
    const summary = await reconcileShop(deps, job.data.shopId);
    return { fetched: summary.fetched, missed: summary.missed };
  };
}
