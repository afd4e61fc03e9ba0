/** Re-enqueues inbox rows whose ingest job never made it to, or got lost in, the queue backend. */
export const INBOX_SWEEP_QUEUE = "inbox-sweep";
export const INBOX_SWEEP_EVERY_MS = 60_000;

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
