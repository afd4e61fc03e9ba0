import type { PrismaClient } from "@prisma/client";
import type { Job } from "bullmq";
import type { DigestConfig } from "~/digest/digest-config.server";
import type { DigestTransport } from "~/digest/mailer.server";
import { sendWeeklyDigest } from "~/digest/send-weekly-digest.server";
import { log } from "~/logger.server";
import { parseJobData } from "~/jobs/contract";
import { digestJob, type DigestJob } from "~/jobs/digest.job";
import { syncAllDigestSchedules } from "~/jobs/digest-schedule.server";
import type { AppQueue } from "~/jobs/queue-backend.server";

export interface DigestProcessorDeps {
  prisma: PrismaClient;
  /** Read per job, so a worker picks up configuration the demo sets after start-up. */
  config: () => DigestConfig;
  queue: AppQueue<DigestJob>;
  transport?: DigestTransport;
  leaseMs?: number;
}

/**
 * When the digest was due. A scheduler's job carries its slot in `prevMillis`, so a late or retried run
 * (even after the next week began) still reports the week it was scheduled for.
 */
export function dueAt(job: Pick<Job<DigestJob>, "opts" | "timestamp">, data: DigestJob): Date {
  const slot = (job.opts as { prevMillis?: unknown }).prevMillis;
  if (typeof slot === "number" && slot > 0) return new Date(slot);
  if (data.at) return new Date(data.at);
  return new Date(job.timestamp);
}

/** "digest": send one shop's weekly digest (at most once per week). "sync-schedules": reconcile the schedulers. */
export function createDigestProcessor(deps: DigestProcessorDeps) {
  return async (job: Job<DigestJob>) => {
    const data = parseJobData(digestJob, job);
    if (data.shopId === undefined) return syncAllDigestSchedules(deps.prisma, deps.queue);
    const outcome = await sendWeeklyDigest(
      { prisma: deps.prisma, config: deps.config(), transport: deps.transport, leaseMs: deps.leaseMs },
      // The job id is stable across a job's retries: a retry may take over its own dead attempt at once.
      { shopId: data.shopId, jobId: String(job.id), at: dueAt(job, data) },
    );
    if (outcome.status !== "sent")
      log.info("digest not sent", {
        shopId: data.shopId,
        outcome: outcome.status,
        ...("reason" in outcome ? { reason: outcome.reason } : {}),
      });
    return { status: outcome.status, isoWeek: outcome.isoWeek };
  };
}
