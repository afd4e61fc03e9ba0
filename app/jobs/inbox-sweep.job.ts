import { z } from "zod";
import { defineJob } from "./contract";

/** Checks inbox rows still waiting against their ingest jobs, and re-drives what the queue failed or lost. */
export const INBOX_SWEEP_QUEUE = "inbox-sweep";
export const INBOX_SWEEP_EVERY_MS = 60_000;
export const INBOX_SWEEP_SCHEDULER_ID = "inbox-sweep";

/** The sweep carries no data; its history is short (it runs every minute). */
export const inboxSweepJob = defineJob({
  queue: INBOX_SWEEP_QUEUE,
  names: ["sweep"],
  schema: z.object({}),
  options: {
    removeOnComplete: { count: 10, age: 24 * 3600 },
    removeOnFail: { count: 100, age: 14 * 24 * 3600 },
  },
});

/** The sweep queued at each worker start, to pick up what arrived while none was running. */
export const startupSweepJobId = (now: number) => `startup-sweep-${now}`;

export interface InboxSweepOptions {
  /** A row never enqueued (the backend was down at intake) is picked up after this long. */
  unqueuedAfterMs: number;
  /**
   * A row enqueued but still unprocessed this long after has its job checked: re-driven if the job
   * failed or vanished, left alone (and checked again this long after) if it is still to run. Checking
   * is cheap and never disturbs a live job, so this need not be long; it bounds how long an event whose
   * job stalled out waits.
   */
  stuckAfterMs: number;
  batchSize: number;
  /** Bounds one sweep's work when a large backlog is simply waiting its turn. */
  maxChecksPerSweep: number;
}

export const defaultInboxSweepOptions: InboxSweepOptions = {
  unqueuedAfterMs: 30_000,
  stuckAfterMs: 3 * 60_000,
  batchSize: 500,
  maxChecksPerSweep: 5_000,
};
