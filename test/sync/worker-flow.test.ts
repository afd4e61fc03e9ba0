import { afterAll, beforeAll, expect, test } from "vitest";
import { requestBackfill } from "~/sync/import/request.server";
import { generateHistory, loadHistory } from "../../fake-shopify/admin-api";
import { createQueues, type Queues } from "~/jobs/producer.server";
import { reconcileSchedulerId } from "~/jobs/reconcile.job";
import { startWorkers, type RunningWorkers } from "../../workers/worker.server";
import { startTestWebApp, TEST_API_SECRET, type TestWebApp } from "../support/web-app";
import { startHarness, type BackfillHarness } from "./support";

let h: BackfillHarness;
let app: TestWebApp;
let queues: Queues;
let workers: RunningWorkers;

beforeAll(async () => {
  h = await startHarness();
  app = await startTestWebApp({ databaseUrl: h.db.url, extra: { SHOPIFY_ADMIN_API_ORIGIN: h.fake.origin } });
  h.fake.setWebhook({ url: `${app.url}/webhooks`, secret: TEST_API_SECRET });
  queues = createQueues({ databaseUrl: h.db.url });
  // Polling is set far beyond the test's length: only the finish webhooks can move the import along.
  workers = await startWorkers(queues.backend, queues, h.db.prisma, {
    concurrency: 4,
    lockDurationMs: 10_000,
    stalledIntervalMs: 10_000,
    backfill: { pollMs: 600_000, retryDelayMs: 1_000, batchSize: 100 },
  });
});
afterAll(async () => {
  await workers?.close();
  await queues?.close();
  await app?.close();
  await h?.close();
});

/** The shop's sync states once every resource is completed, or as they are at the deadline. */
async function statesOnceCompleted(shopId: number, deadline: number) {
  let states = await h.db.prisma.syncState.findMany({ where: { shopId } });
  while (Date.now() < deadline && !states.every((s) => s.status === "completed")) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    states = await h.db.prisma.syncState.findMany({ where: { shopId } });
  }
  return states;
}

test("on the worker, bulk_operations/finish webhooks (signed, through the web app and the inbox) drive the import to the end", async () => {
  const shop = await h.newShop();
  const history = generateHistory({ orders: 250, now: new Date("2026-11-20T00:00:00Z") });
  loadHistory(shop.store, history);
  await requestBackfill(h.db.prisma, shop.shopId);
  await queues.enqueueBackfill({ shopId: shop.shopId, reason: "install" });

  const deadline = Date.now() + 40_000;
  const states = await statesOnceCompleted(shop.shopId, deadline);
  expect(states.map((s) => s.status)).toEqual(["completed", "completed", "completed"]);
  expect(states.every((s) => s.finishWebhookAt !== null)).toBe(true);
  expect(await h.db.prisma.order.count({ where: { shopId: shop.shopId } })).toBe(history.orders.length);
  // The import's end is committed before the job that reached it runs its follow-ups (marking the last
  // finish webhook processed, scheduling the daily reconciliation): wait for those too.
  const finishes = () =>
    h.db.prisma.webhookEvent.count({
      where: { shopId: shop.shopId, topic: "bulk_operations/finish", status: "processed" },
    });
  const scheduler = () => queues.reconcile.getJobScheduler(reconcileSchedulerId(shop.shopId));
  while (Date.now() < deadline && ((await finishes()) < 3 || !(await scheduler())))
    await new Promise((resolve) => setTimeout(resolve, 200));
  expect(await finishes()).toBe(3);
  // The finished import scheduled the shop's daily reconciliation.
  expect(await scheduler()).toBeTruthy();
}, 60_000);

test("a finish webhook that arrives before Shopify has answered the export request still moves the import on", async () => {
  const shop = await h.newShop();
  const history = generateHistory({ orders: 40, now: new Date("2026-11-20T00:00:00Z") });
  loadHistory(shop.store, history);
  // Each export is answered only after its finish webhook was delivered: the worker learns the
  // operation's id after the webhook that names it (polling is ten minutes away).
  const racing = { outcome: "complete", answerAfterFinish: true } as const;
  h.fake.planBulk(shop.domain, racing, racing, racing);
  await requestBackfill(h.db.prisma, shop.shopId);
  await queues.enqueueBackfill({ shopId: shop.shopId, reason: "install" });

  const states = await statesOnceCompleted(shop.shopId, Date.now() + 40_000);
  expect(states.map((s) => s.status)).toEqual(["completed", "completed", "completed"]);
  expect(states.every((s) => s.finishWebhookAt !== null)).toBe(true);
  expect(await h.db.prisma.order.count({ where: { shopId: shop.shopId } })).toBe(history.orders.length);
}, 60_000);
