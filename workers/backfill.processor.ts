import type { Job } from "bullmq";
import { advanceBackfill, type BackfillDeps } from "~/sync/import/backfill.server";
import { REINSTALL_REASON } from "~/sync/import/reinstall";
import { backfillJob, type BackfillJob } from "~/jobs/backfill.job";
import { parseJobData } from "~/jobs/contract";

export interface BackfillProcessorDeps extends BackfillDeps {
  /** Schedules the next step (a poll while Shopify exports, or a retry). */
  enqueue: (job: BackfillJob, delayMs: number) => Promise<void>;
  /** A reinstall's wake-up: resumes what the shop's absence stopped (see AfterSyncHooks.onReinstalled). */
  onReinstalled?: (shopId: number, importPending: boolean) => Promise<void>;
}

/** Idempotent: each run moves the import as far as it can and schedules its own follow-up. */
export function createBackfillProcessor(deps: BackfillProcessorDeps) {
  return async (job: Job<BackfillJob>) => {
    const data = parseJobData(backfillJob, job);
    const shop = await deps.prisma.shop.findUnique({ where: { id: data.shopId }, select: { state: true } });
    if (shop?.state !== "installed") return "skipped"; // uninstalled: no token to call Shopify with
    if (data.reason === REINSTALL_REASON) {
      const pending = await deps.prisma.syncState.count({
        where: { shopId: data.shopId, status: { not: "completed" } },
      });
      await deps.onReinstalled?.(data.shopId, pending > 0);
    }
    const outcome = await advanceBackfill(deps, data.shopId);
    // "busy" gets a poll too: the lease may belong to a worker that died, and it expires on its own.
    if (outcome.kind === "wait" || outcome.kind === "busy") {
      await deps.enqueue(
        { shopId: data.shopId, reason: "poll" },
        outcome.kind === "wait" ? outcome.delayMs : deps.options.pollMs,
      );
    }
    return outcome.kind;
  };
}
