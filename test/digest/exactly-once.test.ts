/**
 * Exactly one digest per shop and week: duplicate jobs on several workers, a worker killed after the
 * SMTP server accepted the message but before the row said so, an attempt abandoned before sending,
 * and an SMTP refusal that is retried.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { smtpTransport } from "~/digest/mailer.server";
import { sendWeeklyDigest } from "~/digest/send-weekly-digest.server";
import { createDigestProcessor } from "../../workers/digest.processor";
import { DIGEST_QUEUE, type DigestJob } from "~/jobs/digest.job";
import { syncDigestSchedule } from "~/jobs/digest-schedule.server";
import type { AppQueue, AppWorker, QueueBackend } from "~/jobs/queue-backend.server";
import { createQueueBackend } from "~/jobs/queue-backend.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { TEST_CONFIG, createDigestShop, mondayMorning, seedWeeklySnapshots } from "./support/seed";
import { startSmtpSink, type SmtpSink } from "./support/smtp-sink";

const ROOT = path.resolve(import.meta.dirname, "../..");
const TZ = "America/New_York";
const fastRetry = {
  attempts: 20,
  backoff: { type: "fixed" as const, delay: 150 },
  removeOnComplete: false,
  removeOnFail: false,
};

async function waitFor(
  check: () => Promise<boolean> | boolean,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("exactly one digest per shop and week", () => {
  let database: TestDatabase;
  let sink: SmtpSink;
  let backend: QueueBackend;
  let queue: AppQueue<DigestJob>;
  const workers: AppWorker<DigestJob>[] = [];
  let week = 0;

  const config = () => ({ ...TEST_CONFIG, smtpUrl: sink.url });
  const startWorker = (options: { lockDuration?: number; stalledInterval?: number } = {}) => {
    const worker = backend.worker<DigestJob>(
      DIGEST_QUEUE,
      createDigestProcessor({ prisma: database.prisma, config, queue }),
      { concurrency: 2, ...options },
    );
    workers.push(worker);
    return worker;
  };
  /** A shop of its own per test, with its week's snapshots; returns when its digest is due. */
  const newShop = async (recipients = ["owner@shop.example"]) => {
    week += 1;
    const shopId = await createDigestShop(database.prisma, {
      domain: `exactly-once-${week}.myshopify.com`,
      timezone: TZ,
      recipients,
    });
    const at = mondayMorning(2026, 11, 23, TZ);
    await seedWeeklySnapshots(database.prisma, shopId, TZ, at, 14);
    return { shopId, at };
  };
  const delivered = (shopId: number) =>
    sink.messages.filter((raw) => raw.toString("latin1").includes(`digest.${shopId}.2026-W47.`)).length;
  const row = (shopId: number) =>
    database.prisma.digestDelivery.findUniqueOrThrow({
      where: { shopId_isoWeek: { shopId, isoWeek: "2026-W47" } },
    });

  beforeAll(async () => {
    database = await createTestDatabase();
    sink = await startSmtpSink();
    backend = createQueueBackend({ databaseUrl: database.url });
    queue = backend.queue<DigestJob>(DIGEST_QUEUE);
  });

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()));
    await queue.close();
    await sink.close();
    await database.drop();
  });

  it("duplicate schedules and duplicate jobs on two workers send one email", async () => {
    const { shopId, at } = await newShop(["owner@shop.example", "ops@shop.example"]);
    await syncDigestSchedule(shopId, { prisma: database.prisma, queue });
    await syncDigestSchedule(shopId, { prisma: database.prisma, queue });
    const schedulers = (await queue.getJobSchedulers()).filter((s) => s.key === `digest-${shopId}`);
    expect(schedulers).toHaveLength(1);

    // The same week's digest asked for five times (a manual run, a restarted scheduler, …), on two workers.
    for (let i = 0; i < 5; i += 1)
      await queue.add(
        "digest",
        { shopId, at: at.toISOString() },
        { ...fastRetry, jobId: `dup-${shopId}-${i}` },
      );
    startWorker();
    startWorker();
    const jobs = Array.from({ length: 5 }, (_, i) => `dup-${shopId}-${i}`);
    await waitFor(
      async () =>
        (await Promise.all(jobs.map((id) => queue.getJobState(id)))).every((s) => s === "completed"),
      20_000,
      "all duplicate jobs",
    );

    expect(delivered(shopId)).toBe(2); // one per recipient
    expect(await row(shopId)).toMatchObject({
      status: "sent",
      sentTo: ["owner@shop.example", "ops@shop.example"],
      uncertainTo: [],
    });
    await Promise.all(workers.splice(0).map((w) => w.close()));
  });

  it("a worker killed after the SMTP server accepted the message does not cause a second one", async () => {
    const { shopId, at } = await newShop();
    const child = spawn(
      path.join(ROOT, "node_modules/.bin/node"),
      ["--import", "tsx", "test/digest/support/digest-worker-child.ts"],
      {
        cwd: ROOT,
        stdio: ["ignore", "pipe", "inherit"],
        env: {
          ...process.env,
          NODE_ENV: "test",
          DATABASE_URL: database.url,
          REDIS_URL: "",
          SMTP_URL: sink.url,
          DIGEST_FROM: TEST_CONFIG.from,
          SHOPIFY_API_KEY: TEST_CONFIG.apiKey,
          SHOPIFY_API_SECRET: TEST_CONFIG.apiSecret,
          LOG_LEVEL: "error",
        },
      },
    );
    const exited = new Promise((resolve) => child.once("exit", resolve));
    await new Promise<void>((resolve) => child.stdout!.once("data", () => resolve()));
    // The server has the whole message; the worker dies before it hears "250 OK" and can record it.
    sink.beforeAccept = () => {
      child.kill("SIGKILL");
      return exited.then(() => undefined);
    };
    try {
      await queue.add("digest", { shopId, at: at.toISOString() }, { ...fastRetry, jobId: `crash-${shopId}` });
      await exited;
    } finally {
      sink.beforeAccept = null;
      child.kill("SIGKILL");
    }
    expect(delivered(shopId)).toBe(1);
    expect(await row(shopId)).toMatchObject({ status: "sending", sendingTo: "owner@shop.example" });

    // Another worker finds the stalled job (BullMQ) and retries it: the recipient in doubt is not mailed again.
    startWorker({ lockDuration: 1_000, stalledInterval: 300 });
    await waitFor(
      async () => (await queue.getJobState(`crash-${shopId}`)) === "completed",
      20_000,
      "the stalled job's retry",
    );
    expect(delivered(shopId)).toBe(1);
    expect(await row(shopId)).toMatchObject({
      status: "sent",
      sentTo: [],
      uncertainTo: ["owner@shop.example"],
      attempts: 2,
    });
  }, 40_000);

  it("an attempt abandoned before sending is taken over once its lease ends, and sends once", async () => {
    const { shopId, at } = await newShop();
    const deps = { prisma: database.prisma, config: config(), transport: smtpTransport(sink.url) };
    await database.prisma.digestDelivery.create({
      data: {
        shopId,
        isoWeek: "2026-W47",
        status: "claimed",
        attempts: 1,
        claimToken: "dead",
        claimJobId: "dead-job",
        leaseUntil: new Date(Date.now() + 60_000),
      },
    });
    await expect(sendWeeklyDigest(deps, { shopId, jobId: "other-job", at })).rejects.toThrow(
      /being sent by another attempt/,
    );
    await database.prisma.digestDelivery.update({
      where: { shopId_isoWeek: { shopId, isoWeek: "2026-W47" } },
      data: { leaseUntil: new Date(Date.now() - 1) },
    });
    expect(await sendWeeklyDigest(deps, { shopId, jobId: "other-job", at })).toMatchObject({
      status: "sent",
      sentTo: ["owner@shop.example"],
    });
    expect(await sendWeeklyDigest(deps, { shopId, jobId: "third-job", at })).toMatchObject({
      status: "already-done",
    });
    expect(delivered(shopId)).toBe(1);
  });

  it("an SMTP refusal fails the attempt and the retry sends it once", async () => {
    const { shopId, at } = await newShop();
    const deps = { prisma: database.prisma, config: config(), transport: smtpTransport(sink.url) };
    sink.refuseNext(1, 451);
    await expect(sendWeeklyDigest(deps, { shopId, jobId: "job", at })).rejects.toThrow();
    expect(await row(shopId)).toMatchObject({ status: "failed", sentTo: [], uncertainTo: [] });
    expect(await sendWeeklyDigest(deps, { shopId, jobId: "job", at })).toMatchObject({
      status: "sent",
      sentTo: ["owner@shop.example"],
    });
    expect(delivered(shopId)).toBe(1);
    expect(await row(shopId)).toMatchObject({ attempts: 2 });
  });
});
