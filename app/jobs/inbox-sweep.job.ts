import { z } from "zod";
import { defineJob } from "./contract";

/** Re-enqueues inbox rows whose ingest job never made it to, or got lost in, the queue backend. */
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
  /** A row enqueued but still unprocessed this long after (job lost, e.g. Redis flushed) is re-enqueued. */
  stuckAfterMs: number;
  batchSize: number;
}

export const defaultInboxSweepOptions: InboxSweepOptions = {
  unqueuedAfterMs: 30_000,
  stuckAfterMs: 15 * 60_000,
  batchSize: 1_000,
};
