/**
 * A worker process running only the digest processor (as workers/main.ts would), for the crash test:
 * the test SIGKILLs it in the middle of an SMTP transaction.
 */
import { createPrismaClient } from "~/db.server";
import { digestConfigFromEnv } from "~/digest/digest-config.server";
import { createDigestProcessor } from "../../../workers/digest.processor";
import { DIGEST_QUEUE, type DigestJob } from "~/jobs/digest.job";
import { createQueueBackend } from "~/jobs/queue-backend.server";

const backend = createQueueBackend({
  databaseUrl: process.env.DATABASE_URL!,
  redisUrl: process.env.REDIS_URL || undefined,
});
const queue = backend.queue<DigestJob>(DIGEST_QUEUE);
const worker = backend.worker<DigestJob>(
  DIGEST_QUEUE,
  createDigestProcessor({
    prisma: createPrismaClient(process.env.DATABASE_URL!, 2),
    config: digestConfigFromEnv,
    queue,
  }),
  {
    concurrency: 1,
    lockDuration: 1_000,
    stalledInterval: 500,
  },
);
worker.on("ready", () => process.stdout.write("ready\n"));
