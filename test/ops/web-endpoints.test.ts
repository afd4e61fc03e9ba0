/**
 * The web process's operations endpoints, against the real app: /healthz, /readyz (up, and 503 naming the
 * database or the queue while it is away) and /metrics (Prometheus text with the app's metrics once a
 * webhook went through intake and ingest). The database and Redis sit behind relays the test can cut.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendWebhook } from "../../fake-shopify";
import { createQueues, type Queues } from "~/jobs/producer.server";
import { startWorkers, type RunningWorkers } from "../../workers/worker.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { parsePrometheusText, sampleValue } from "../support/prometheus-text";
import { startRedisServer, type RedisServer } from "../support/redis";
import { SHOP, simpleOrder } from "../support/shop-events";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy";
import { startTestWebApp, TEST_API_SECRET, type TestWebApp } from "../support/web-app";

let database: TestDatabase;
let redis: RedisServer;
let postgresRelay: TcpProxy;
let web: TestWebApp;
let queues: Queues;
let workers: RunningWorkers | undefined;

beforeAll(async () => {
  database = await createTestDatabase();
  redis = await startRedisServer();
  postgresRelay = await startTcpProxy(Number(new URL(database.url).port));
  web = await startTestWebApp({ databaseUrl: postgresRelay.url(database.url), redisUrl: redis.url });
  queues = createQueues({ databaseUrl: database.url, redisUrl: redis.url });
});

afterAll(async () => {
  await workers?.close();
  await web.close();
  await queues.close();
  await postgresRelay.close();
  await redis.stop();
  await database.drop();
});

async function get(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${web.url}${path}`, { headers });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

interface ReadyBody {
  status: string;
  checks: { database: { ok: boolean; error?: string }; queue: { ok: boolean; backend?: string } };
}

/** Polls until `check` holds; a condition, never a timing, is what the test asserts. */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe("operations endpoints of the web process", { timeout: 120_000 }, () => {
  it("/healthz answers 200 ok, and every answer names its request id", async () => {
    const health = await get("/healthz");
    expect(health).toMatchObject({ status: 200, text: "ok" });
    expect(health.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect((await get("/healthz", { "X-Request-Id": "lb-1234" })).headers.get("x-request-id")).toBe(
      "lb-1234",
    );
    // A header that could forge log lines is replaced, not echoed.
    expect((await get("/healthz", { "X-Request-Id": "a b\u00e9" })).headers.get("x-request-id")).not.toBe(
      "a b\u00e9",
    );
  });

  it("/readyz answers 200 with both checks while the database and Redis answer", async () => {
    // A fresh process may miss the first deadline while it opens its connections (not a failure mode
    // this test is about): it must become ready.
    const ready = await eventually(
      () => get("/readyz"),
      (answer) => answer.status === 200,
      "readiness",
    );
    expect(ready.headers.get("content-type")).toMatch(/^application\/json/);
    expect(JSON.parse(ready.text)).toMatchObject({
      status: "ready",
      checks: { database: { ok: true }, queue: { ok: true, backend: "redis" } },
    });
  });

  it("/metrics is Prometheus text with the app's metrics once a webhook is processed", async () => {
    const sent = await sendWebhook({
      url: `${web.url}/webhooks`,
      topic: "orders/create",
      shopDomain: SHOP,
      secret: TEST_API_SECRET,
      payload: simpleOrder(9_001),
    });
    expect(sent.status).toBe(200);
    workers = await startWorkers(queues.backend, queues, database.prisma, { concurrency: 2 });
    await eventually(
      () => database.prisma.webhookEvent.count({ where: { status: "processed" } }),
      (processed) => processed === 1,
      "the webhook to be processed",
    );
    // The ingest asks for a KPI recompute, which runs after its debounce.
    const samples = await eventually(
      async () => parsePrometheusText((await get("/metrics")).text),
      (parsed) => (sampleValue(parsed, "pulse_kpi_recompute_duration_seconds_count") ?? 0) >= 1,
      "a recompute to be timed",
    );
    const value = (name: string, labels: Record<string, string> = {}) => sampleValue(samples, name, labels);

    expect(
      value("pulse_webhook_ack_duration_seconds_count", {
        topic: "orders/create",
        status: "200",
        process: "web",
      }),
    ).toBe(1);
    expect(value("pulse_job_duration_seconds_count", { queue: "ingest", outcome: "completed" })).toBe(1);
    expect(value("pulse_job_wait_seconds_count", { queue: "ingest" })).toBe(1);
    expect(value("pulse_inbox_events", { state: "received" })).toBe(0);
    expect(value("pulse_inbox_events", { state: "failed" })).toBe(0);
    expect(value("pulse_inbox_oldest_received_age_seconds")).toBe(0);
    for (const state of ["waiting", "active", "delayed", "failed"])
      expect(value("pulse_queue_jobs", { queue: "ingest", state })).toBeTypeOf("number");
    expect(value("pulse_queue_jobs", { queue: "kpi-recompute", state: "waiting" })).toBeTypeOf("number");
    expect(value("pulse_import_shops")).toBeTypeOf("number");
    expect(value("pulse_import_lines", { count: "done" })).toBeTypeOf("number");
    for (const source of ["inbox", "imports", "queues"])
      expect(value("pulse_metrics_source_up", { source })).toBe(1);
    // Node's own metrics come along.
    expect(value("nodejs_eventloop_lag_seconds")).toBeTypeOf("number");
  });

  it("a forged topic header adds no series", async () => {
    const forged = await sendWebhook({
      url: `${web.url}/webhooks`,
      topic: "made_up/topic",
      shopDomain: SHOP,
      secret: TEST_API_SECRET,
      forgeWithSecret: "not-the-secret",
      payload: {},
    });
    expect(forged.status).toBe(401);
    const samples = parsePrometheusText((await get("/metrics")).text);
    expect(samples.some((sample) => sample.labels.topic === "made_up/topic")).toBe(false);
    expect(sampleValue(samples, "pulse_webhook_ack_duration_seconds_count", { topic: "other" })).toBe(1);
  });

  it("/readyz answers 503 naming the database while it is away, and 200 once it is back", async () => {
    await postgresRelay.cut();
    try {
      const down = await get("/readyz");
      expect(down.status).toBe(503);
      const body = JSON.parse(down.text) as ReadyBody;
      expect(body.status).toBe("not ready");
      expect(body.checks.database.ok).toBe(false);
      expect(body.checks.database.error).toBeTruthy();
      expect(body.checks.queue.ok).toBe(true);
      // A scrape still answers, and says what it could not read.
      const metrics = await get("/metrics");
      expect(metrics.status).toBe(200);
      expect(
        sampleValue(parsePrometheusText(metrics.text), "pulse_metrics_source_up", { source: "inbox" }),
      ).toBe(0);
    } finally {
      await postgresRelay.resume();
    }
    await eventually(
      () => get("/readyz"),
      (ready) => ready.status === 200,
      "/readyz to recover",
    );
  });

  it("/readyz answers 503 naming the queue while Redis is away, and 200 once it is back", async () => {
    await workers?.close();
    workers = undefined;
    await redis.stop();
    try {
      const down = await get("/readyz");
      expect(down.status).toBe(503);
      const body = JSON.parse(down.text) as ReadyBody;
      expect(body.checks.queue.ok).toBe(false);
      expect(body.checks.database.ok).toBe(true);
    } finally {
      await redis.restart();
    }
    await eventually(
      () => get("/readyz"),
      (ready) => ready.status === 200,
      "/readyz to recover",
    );
  });
});
