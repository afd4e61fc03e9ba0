import type { Job, Processor } from "bullmq";
import { log, withLogContext } from "~/logger.server";
import { metrics } from "~/metrics/registry.server";
import type { AppWorker, QueueBackend } from "./queue-backend.server";
import { REBUILD_QUEUE, RECOMPUTE_QUEUE } from "./recompute.job";

/** The jobs this process is working on, with the lock tokens that let it hand them back. */
const active = new Map<string, { job: Job; token?: string }>();

// Long enough for this process to be gone before the job is due again: a job put straight back to
// waiting wakes this process's own closing worker, which could take it again just before exiting.
const RELEASE_DELAY_MS = 3_000;

/**
 * Hands every job still active in this process back to its queue, due again in a few seconds, as if never
 * started (no attempt spent, not counted as stalled), so another worker takes it. For a shutdown whose
 * deadline has passed; whatever the processor still does afterwards is undone by the job's rerun, as
 * every processor is idempotent.
 */
export async function releaseActiveJobs(): Promise<number> {
  const jobs = [...active.values()];
  active.clear();
  const moved = await Promise.allSettled(
    jobs.map(({ job, token }) => job.moveToDelayed(Date.now() + RELEASE_DELAY_MS, token)),
  );
  moved.forEach((result, index) => {
    if (result.status === "rejected")
      log.warn("could not release a job; it is retried once its lock expires", {
        queue: jobs[index]!.job.queueName,
        jobId: jobs[index]!.job.id,
        error: result.reason,
      });
  });
  return moved.filter((result) => result.status === "fulfilled").length;
}

/**
 * The backend, with every worker observed: each line a job logs carries its queue, job id and name, and
 * each finished job is timed (wait in the queue, time in the worker; a KPI recompute also by its mode).
 */
export function observedBackend(backend: QueueBackend): QueueBackend {
  return {
    ...backend,
    worker: <T>(name: string, processor: Processor<T>, options?: Parameters<QueueBackend["worker"]>[2]) => {
      const inContext: Processor<T> = async (job, token, ...rest) => {
        const key = `${name}:${job.id}`;
        active.set(key, { job: job as Job, token });
        try {
          return await withLogContext({ queue: name, jobId: job.id, job: job.name }, () =>
            processor(job, token, ...rest),
          );
        } finally {
          active.delete(key);
        }
      };
      const worker = backend.worker<T>(name, inContext, options);
      observe(worker as AppWorker<unknown>);
      return worker;
    },
  };
}

function observe(worker: AppWorker<unknown>) {
  const { jobWait, jobDuration, recomputeDuration } = metrics();
  const record = (job: Job | undefined, outcome: "completed" | "failed") => {
    if (!job?.processedOn) return;
    const queue = worker.name;
    const due = job.timestamp + (job.delay ?? 0);
    jobWait.observe({ queue }, Math.max(0, job.processedOn - due) / 1000);
    const seconds = Math.max(0, (job.finishedOn ?? Date.now()) - job.processedOn) / 1000;
    jobDuration.observe({ queue, outcome }, seconds);
    const mode = (job.returnvalue as { mode?: unknown } | undefined)?.mode;
    const kpiQueue = queue === RECOMPUTE_QUEUE || queue === REBUILD_QUEUE;
    if (outcome === "completed" && kpiQueue && typeof mode === "string") {
      recomputeDuration.observe({ mode }, seconds);
    }
  };
  worker.on("completed", (job) => {
    try {
      record(job as Job, "completed");
    } catch (error) {
      log.warn("job metrics failed", { queue: worker.name, error });
    }
  });
  worker.on("failed", (job) => {
    try {
      record(job as Job | undefined, "failed");
    } catch (error) {
      log.warn("job metrics failed", { queue: worker.name, error });
    }
  });
}
