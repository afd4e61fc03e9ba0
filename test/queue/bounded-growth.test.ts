/**
 * Queues and the inbox stop growing (decision 0034): every job contract trims its completed and failed
 * jobs by count and age, both queue backends honour that, and processed inbox rows outlive the
 * reconciliation's reach before the retention run deletes them (the deletion itself:
 * test/security/datareq-retention.test.ts).
 */
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JobsOptions } from "bullmq";
import { defaultReconcileOptions } from "~/sync/reconcile.server";
import { createQueueBackend, type QueueBackendKind } from "~/jobs/queue-backend.server";
import { PROCESSED_EVENT_RETENTION_DAYS } from "~/privacy/retention";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { findRedisServer, startRedisServer, type RedisServer } from "../support/redis";

const JOBS_DIR = path.resolve(import.meta.dirname, "../../app/jobs");

interface ContractLike {
  queue: string;
  options: JobsOptions;
}

async function jobContracts(): Promise<ContractLike[]> {
  const files = fs.readdirSync(JOBS_DIR).filter((name) => name.endsWith(".job.ts"));
  const contracts: ContractLike[] = [];
  for (const file of files) {
    const module = (await import(path.join(JOBS_DIR, file))) as Record<string, unknown>;
    for (const value of Object.values(module))
      if (value && typeof value === "object" && "queue" in value && "options" in value && "names" in value)
        contracts.push(value as ContractLike);
  }
  return contracts;
}

function bounded(keep: JobsOptions["removeOnComplete"]): boolean {
  if (typeof keep !== "object" || keep === null) return false;
  const { count, age } = keep as { count?: number; age?: number };
  return Number.isInteger(count) && count! > 0 && Number.isInteger(age) && age! > 0;
}

describe("bounded growth", () => {
  it(
    "every job contract keeps a bounded count and age of completed and failed jobs",
    { timeout: 120_000 },
    async () => {
      const contracts = await jobContracts();
      // One contract or more per app/jobs/*.job.ts file, so a new queue is checked as soon as it exists.
      expect(contracts.length).toBeGreaterThanOrEqual(
        fs.readdirSync(JOBS_DIR).filter((name) => name.endsWith(".job.ts")).length,
      );
      const unbounded = contracts
        .filter((c) => !bounded(c.options.removeOnComplete) || !bounded(c.options.removeOnFail))
        .map((c) => c.queue);
      expect(unbounded).toEqual([]);
    },
  );

  it("keeps processed inbox rows longer than the reconciliation reaches back", () => {
    const widestWindowMs = defaultReconcileOptions.firstRunLookbackMs + defaultReconcileOptions.overlapMs;
    expect(PROCESSED_EVENT_RETENTION_DAYS * 86_400_000).toBeGreaterThan(widestWindowMs);
  });

  const backends: QueueBackendKind[] = findRedisServer() ? ["postgres", "redis"] : ["postgres"];
  describe.each(backends)("on the %s queue backend", (kind) => {
    let database: TestDatabase;
    let redis: RedisServer | undefined;
    beforeAll(async () => {
      database = await createTestDatabase();
      redis = kind === "redis" ? await startRedisServer() : undefined;
    }, 120_000);
    afterAll(async () => {
      await redis?.stop();
      await database?.drop();
    });

    it("trims completed and failed jobs to their count as jobs finish", { timeout: 120_000 }, async () => {
      const KEEP = 5;
      const JOBS = 60;
      const CONCURRENCY = 4;
      const backend = createQueueBackend({ databaseUrl: database.url, redisUrl: redis?.url });
      const name = "bounded-growth";
      const queue = backend.queue<{ fail: boolean }>(name, {
        attempts: 1,
        removeOnComplete: { count: KEEP, age: 3600 },
        removeOnFail: { count: KEEP, age: 3600 },
      });
      let finished = 0;
      let allFinished!: () => void;
      const done = new Promise<void>((resolve) => (allFinished = resolve));
      const worker = backend.worker<{ fail: boolean }>(
        name,
        async (job) => {
          if (job.data.fail) throw new Error("meant to fail");
        },
        { concurrency: CONCURRENCY },
      );
      const count = () => {
        finished += 1;
        if (finished === JOBS) allFinished();
      };
      worker.on("completed", count);
      worker.on("failed", count);
      try {
        await queue.addBulk(
          Array.from({ length: JOBS }, (_, i) => ({ name: "work", data: { fail: i % 3 === 0 } })),
        );
        await done;
        const counts = await queue.getJobCounts("completed", "failed", "waiting", "active");
        // Each finishing job trims the others; jobs finishing at the same moment (concurrency 4) may each
        // miss the others' rows, so up to CONCURRENCY − 1 extra can stay. Bounded either way: not 60.
        expect(counts.completed).toBeGreaterThan(0);
        expect(counts.completed).toBeLessThanOrEqual(KEEP + CONCURRENCY - 1);
        expect(counts.failed).toBeGreaterThan(0);
        expect(counts.failed).toBeLessThanOrEqual(KEEP + CONCURRENCY - 1);
        if (kind === "postgres") {
          // The rows themselves are gone from BullMQ's own schema, not merely hidden.
          const client = new pg.Client({ connectionString: database.url });
          await client.connect();
          const { rows } = await client.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM bullmq.job WHERE queue = $1`,
            [name],
          );
          await client.end();
          expect(rows[0]!.n).toBeLessThanOrEqual(2 * (KEEP + CONCURRENCY - 1));
        }
      } finally {
        await worker.close();
        await queue.close();
      }
    });
  });
});
