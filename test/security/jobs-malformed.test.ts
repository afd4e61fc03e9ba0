/**
 * Job data is input like any other: a job queued around the producer (an older deploy, another tool, a
 * hand edit in Redis) reaches a processor that checks it against the job's contract. It fails at once
 * with the reason and is not retried; the producer refuses such data before it is ever queued.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidJobPayloadError } from "~/jobs/contract";
import { INGEST_QUEUE, type IngestJob } from "~/jobs/ingest.job";
import { createQueues, type Queues } from "~/jobs/producer.server";
import type { AppWorker } from "~/jobs/queue-backend.server";
import type { RecomputeJob } from "~/jobs/recompute.job";
import { createIngestProcessor } from "../../workers/ingest.processor";
import { createTestDatabase, type TestDatabase } from "../support/database";

async function until<T>(
  what: string,
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("job payloads checked against their contracts", () => {
  let database: TestDatabase;
  let queues: Queues;
  let worker: AppWorker<IngestJob> | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
    queues = createQueues({ databaseUrl: database.url });
  });
  afterAll(async () => {
    await worker?.close();
    await queues?.close();
    await database?.drop();
  });

  it("a malformed job fails with the contract's reason on its first attempt, with retries left", async () => {
    let applied = 0;
    worker = queues.backend.worker<IngestJob>(
      INGEST_QUEUE,
      createIngestProcessor({ prisma: database.prisma, onShopChanged: async () => void (applied += 1) }),
      { concurrency: 1 },
    );
    // Added straight on the queue, as something other than the app's producer could.
    const malformed = { shopId: "1; DROP TABLE shop", webhookId: 42 } as unknown as IngestJob;
    await queues.ingest.add("ingest", malformed, {
      jobId: "malformed-1",
      attempts: 5,
      backoff: { type: "fixed", delay: 10 },
    });

    const state = await until(
      "the malformed job to settle",
      () => queues.ingest.getJobState("malformed-1"),
      (s) => s === "failed" || s === "completed",
    );
    expect(state).toBe("failed");
    const job = (await queues.ingest.getJob("malformed-1"))!;
    expect(job.attemptsMade).toBe(1);
    expect(job.failedReason).toMatch(/^malformed ingest job malformed-1 "ingest": /);
    expect(job.failedReason).toContain("shopId");
    expect(job.failedReason).toContain("webhookId");
    expect(applied).toBe(0);
  });

  it("the producer refuses a payload that breaks the contract, and queues nothing", async () => {
    const before = await queues.ingest.getJobCounts();
    await expect(queues.enqueueIngest({ shopId: 0, webhookId: "" })).rejects.toThrow(InvalidJobPayloadError);
    await expect(queues.enqueueRecompute({ shopId: 1.5, reason: "" } as RecomputeJob)).rejects.toThrow(
      /invalid kpi-recompute job "recompute"/,
    );
    await expect(queues.enqueueBackfill({ shopId: 3 } as never)).rejects.toThrow(/reason/);
    expect(await queues.ingest.getJobCounts()).toEqual(before);
    expect(await queues.recompute.getJobs(["waiting", "delayed"])).toEqual([]);
  });
});
