import type { Job } from "bullmq";
import { reconcileShop, type ReconcileDeps } from "~/sync/reconcile.server";
import { parseJobData } from "~/jobs/contract";
import { reconcileJob, type ReconcileJob } from "~/jobs/reconcile.job";

/** Idempotent: a rerun re-reads the same window and finds nothing left to repair. */
export function createReconcileProcessor(deps: ReconcileDeps) {
  return async (job: Job<ReconcileJob>) => {
    const { shopId } = parseJobData(reconcileJob, job);
    const shop = await deps.prisma.shop.findUnique({ where: { id: shopId }, select: { state: true } });
    if (shop?.state !== "installed") return { skipped: "shop not installed" };
    const summary = await reconcileShop(deps, shopId);
    return { fetched: summary.fetched, missed: summary.missed };
  };
}
