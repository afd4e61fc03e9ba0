import type { IngestJob } from "~/jobs/ingest.job";
import { log } from "~/logger.server";

export interface IngestHandoffDeps {
  /** Adds the jobs in one call (BullMQ addBulk; a job id already in the queue adds nothing). */
  enqueue: (jobs: IngestJob[]) => Promise<void>;
  /** Records that the jobs are queued; must not wait for rows an ingest job holds. */
  markEnqueued: (jobs: IngestJob[]) => Promise<void>;
  maxBatch?: number;
  /** Jobs held at once while the queue is slow or away; past it they are left to the inbox sweeper. */
  maxPending?: number;
  /** Pause after a failed batch, so an outage logs a line a second, not one per delivery. */
  pauseAfterFailureMs?: number;
}

/**
 * Hands stored events to the ingest queue after their 200, in batches. The inbox row is the durable
 * record: a job that never makes it (the queue is away, the process dies first) stays `received`
 * without `enqueued_at`, and the inbox sweeper enqueues it.
 */
export class IngestHandoff {
  private pending: IngestJob[] = [];
  private draining: Promise<void> | null = null;
  private dropped = 0;
  private readonly maxBatch: number;
  private readonly maxPending: number;
  private readonly pauseMs: number;

  constructor(private readonly deps: IngestHandoffDeps) {
    this.maxBatch = deps.maxBatch ?? 500;
    this.maxPending = deps.maxPending ?? 50_000;
    this.pauseMs = deps.pauseAfterFailureMs ?? 1_000;
  }

  push(job: IngestJob): void {
    if (this.pending.length >= this.maxPending) {
      this.dropped += 1;
      return;
    }
    this.pending.push(job);
    // Deliveries answered in the same turn of the event loop go out together.
    this.draining ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.drain());
  }

  /** Resolves once every job pushed so far has been handed over (or given up on). */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0, this.maxBatch);
        try {
          await this.deps.enqueue(batch);
        } catch (error) {
          log.warn("webhooks stored but not enqueued; the inbox sweeper will retry", {
            count: batch.length + this.dropped,
            error,
          });
          this.dropped = 0;
          await new Promise((resolve) => setTimeout(resolve, this.pauseMs));
          continue;
        }
        try {
          await this.deps.markEnqueued(batch);
        } catch (error) {
          // The jobs are queued; the sweeper will at worst add them again, which adds nothing.
          log.warn("ingest jobs queued but not marked in the inbox", { count: batch.length, error });
        }
      }
      if (this.dropped > 0) {
        log.warn("webhooks stored but not enqueued (handoff full); the inbox sweeper will retry", {
          count: this.dropped,
        });
        this.dropped = 0;
      }
    } finally {
      this.draining = null;
    }
  }
}
