import { randomBytes, randomUUID } from "node:crypto";
import type { Job } from "bullmq";
import { afterAll, beforeAll, expect, test } from "vitest";
import { adminGraphqlFor } from "~/admin-api/graphql.server";
import { closeBulkWritePools } from "~/sync/write/bulk-orders.server";
import { applyWebhookEvent } from "~/sync/events/apply-event.server";
import { buildShopPayload, buildShopRedactPayload, sendWebhook } from "../../fake-shopify";
import {
  FakeShopStore,
  generateHistory,
  loadHistory,
  putOrder,
  startFakeAdminApi,
  type FakeAdminApi,
} from "../../fake-shopify/admin-api";
import { signSessionToken } from "../../fake-shopify/session-token";
import { createClvModelProcessor } from "../../workers/clv-model.processor";
import { DIGEST_QUEUE, digestJobOptions, digestSchedulerId, type DigestJob } from "~/jobs/digest.job";
import { syncAllDigestSchedules } from "~/jobs/digest-schedule.server";
import type { AppQueue } from "~/jobs/queue-backend.server";
import { createQueues, type Queues } from "~/jobs/producer.server";
import { createReconcileProcessor } from "../../workers/reconcile.processor";
import { reconcileSchedulerId, type ReconcileJob } from "~/jobs/reconcile.job";
import { startWorkers, type RunningWorkers } from "../../workers/worker.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { startTestWebApp, TEST_API_KEY, TEST_API_SECRET, type TestWebApp } from "../support/web-app";

/**
 * The whole life of a shop as the app meets it: Shopify's token exchange when the merchant opens the
 * app (install, reinstall), signed webhooks through the real endpoint, the real worker processes on the
 * PostgreSQL queue backend, and the fake Admin API for the history import and the reconciliation.
 */

let db: TestDatabase;
let fake: FakeAdminApi;
let app: TestWebApp;
let queues: Queues;
let workers: RunningWorkers;
let digestQueue: AppQueue<DigestJob>;

const SCOPES = ["read_orders", "read_all_orders", "read_customers"];
const NOW = new Date();

beforeAll(async () => {
  db = await createTestDatabase();
  fake = await startFakeAdminApi({
    shops: [],
    app: { apiKey: TEST_API_KEY, secret: TEST_API_SECRET },
    costBucket: { maximumAvailable: 20_000, restoreRate: 1_000 },
  });
  app = await startTestWebApp({ databaseUrl: db.url, extra: { SHOPIFY_ADMIN_API_ORIGIN: fake.origin } });
  fake.setWebhook({ url: `${app.url}/webhooks`, secret: TEST_API_SECRET });
  queues = createQueues({ databaseUrl: db.url });
  workers = await startWorkers(queues.backend, queues, db.prisma, {
    concurrency: 4,
    lockDurationMs: 10_000,
    stalledIntervalMs: 10_000,
    backfill: { pollMs: 100, retryDelayMs: 200, batchSize: 100 },
  });
  digestQueue = queues.backend.queue<DigestJob>(DIGEST_QUEUE, digestJobOptions);
});

afterAll(async () => {
  await workers?.close();
  await digestQueue?.close();
  await queues?.close();
  await app?.close();
  await fake?.close();
  await closeBulkWritePools();
  await db?.drop();
});

interface Merchant {
  domain: string;
  shopifyId: number;
  store: FakeShopStore;
  orders: number;
}

/** A shop on Shopify with a year of history; the app knows nothing of it yet. */
function newMerchant(orders: number): Merchant {
  const suffix = randomBytes(4).toString("hex");
  const domain = `cycle-${suffix}.myshopify.com`;
  // One id for the shop everywhere, as on Shopify: the Admin API's shop query and every webhook body.
  const shopifyId = 70_000_000 + Number.parseInt(suffix.slice(0, 6), 16);
  const store = new FakeShopStore({
    domain,
    shopifyId,
    name: `Cycle ${suffix}`,
    currencyCode: "USD",
    ianaTimezone: "UTC",
    taxesIncluded: false,
  });
  loadHistory(store, generateHistory({ orders, now: NOW }));
  // The token the fake starts with is never given to the app: it gets its own through the token exchange.
  fake.addShop({ store, accessToken: `shpat_unused_${suffix}`, scopes: SCOPES });
  return { domain, shopifyId, store, orders };
}

/** The merchant opens the app in the admin: App Bridge's session token, as a bearer token. */
async function openApp(merchant: Merchant): Promise<void> {
  const token = signSessionToken({ shop: merchant.domain, apiKey: TEST_API_KEY, secret: TEST_API_SECRET });
  const response = await fetch(`${app.url}/app`, {
    headers: {
      authorization: `Bearer ${token}`,
      "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36",
    },
  });
  await response.text();
  expect(response.status).toBe(200);
}

async function sendTopic(merchant: Merchant, topic: string, payload: unknown, triggeredAt?: Date) {
  const result = await sendWebhook({
    url: `${app.url}/webhooks`,
    topic,
    shopDomain: merchant.domain,
    secret: TEST_API_SECRET,
    payload,
    triggeredAt,
  });
  expect(result.status).toBe(200);
  return result;
}

/** The merchant uninstalls: Shopify revokes the app's tokens and sends app/uninstalled. */
async function uninstall(merchant: Merchant) {
  fake.uninstall(merchant.domain);
  return sendTopic(
    merchant,
    "app/uninstalled",
    buildShopPayload({
      id: merchant.shopifyId,
      myshopifyDomain: merchant.domain,
      createdAt: "2024-01-01T00:00:00Z",
    }),
  );
}

async function until<T>(
  what: string,
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 45_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value)) {
    if (Date.now() > deadline)
      throw new Error(
        `timed out waiting for ${what}; last seen ${JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v))}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 150));
    value = await read();
  }
  return value;
}

const shopRow = (domain: string) => db.prisma.shop.findUniqueOrThrow({ where: { domain } });

/** Closed months of a few KPIs, as the dashboard and the digest read them. */
async function closedMonths(shopId: number) {
  const rows = await db.prisma.kpiSnapshot.findMany({
    where: {
      shopId,
      granularity: "month",
      partial: false,
      kpi: { in: ["orders", "total_sales", "aov", "new_customers"] },
    },
    orderBy: [{ periodStart: "asc" }, { kpi: "asc" }],
    select: { kpi: true, periodStart: true, value: true },
  });
  return rows.map((row) => `${row.periodStart.toISOString().slice(0, 7)} ${row.kpi} ${row.value}`);
}

/** The import is done, its KPIs rebuilt from every order, and the predictive CLV fitted after it. */
async function importedAndComputed(shopId: number, orders: number, after: Date) {
  await until(
    "the history import",
    () => db.prisma.syncState.findMany({ where: { shopId } }),
    (states) => states.length === 3 && states.every((s) => s.status === "completed"),
  );
  await until(
    "every order",
    () => db.prisma.order.count({ where: { shopId } }),
    (count) => count === orders,
  );
  await until(
    "the full KPI rebuild",
    () => db.prisma.kpiEngineState.findUnique({ where: { shopId } }),
    (state) => !!state && state.rebuiltAt > after,
  );
  await until(
    "the monthly KPIs",
    () => closedMonths(shopId),
    (months) => months.length > 0,
  );
  await until(
    "the CLV fit",
    () => db.prisma.clvModelRun.findUnique({ where: { shopId } }),
    (run) => !!run && run.fittedAt > after,
  );
}

/** Every finish webhook of the import delivered and applied: nothing more will touch the shop's rows. */
async function inboxSettled(shopId: number) {
  await fake.waitForBulkIdle();
  await until(
    "the inbox to drain",
    () => db.prisma.webhookEvent.count({ where: { shopId, status: "received" } }),
    (count) => count === 0,
  );
}

const job = <T>(data: T) => ({ data, id: randomUUID(), name: "test", opts: {} }) as unknown as Job<T>;

/** What the nightly CLV job and the daily reconciliation do for this shop today. */
async function schedulersFor(shopId: number) {
  const fits: number[] = [];
  await createClvModelProcessor({ prisma: db.prisma, enqueueFit: async (id) => void fits.push(id) })(job({}));
  const reconcile = (await createReconcileProcessor({
    prisma: db.prisma,
    graphqlFor: (domain) => adminGraphqlFor(domain),
  })(job<ReconcileJob>({ shopId }))) as Record<string, unknown>;
  await syncAllDigestSchedules(db.prisma, digestQueue);
  return {
    clvNightly: fits.includes(shopId),
    reconcile: "skipped" in reconcile ? "skipped" : "ran",
    digestScheduled: !!(await digestQueue.getJobScheduler(digestSchedulerId(shopId))),
  };
}

/** A stricter shop/redact: every row of every table keyed by the shop goes, only the shop row stays. */
async function deleteEveryShopRow(shopId: number) {
  const tables = await db.prisma.$queryRaw<{ table_name: string }[]>`
    SELECT c.table_name::text FROM information_schema.columns c
    JOIN information_schema.tables t USING (table_schema, table_name)
    WHERE c.table_schema = current_schema() AND c.column_name = 'shop_id' AND c.table_name <> 'shop'
      AND t.table_type = 'BASE TABLE'`;
  for (const { table_name } of tables)
    await db.prisma.$executeRawUnsafe(`DELETE FROM "${table_name}" WHERE shop_id = $1`, shopId);
}

test.each([
  { redaction: "as shop/redact leaves it", deleteEverything: false },
  { redaction: "with every shop-keyed row deleted", deleteEverything: true },
])(
  "install, uninstall, redact ($redaction), reinstall: the shop comes back with its history, KPIs and schedules",
  async ({ deleteEverything }) => {
    const merchant = newMerchant(120);

    // Install: opening the app exchanges the session token and imports the history.
    const installedAt = new Date();
    await openApp(merchant);
    const installed = await shopRow(merchant.domain);
    expect(installed.state).toBe("installed");
    await importedAndComputed(installed.id, merchant.orders, installedAt);
    // The id the intake checks the shop's app/uninstalled and shop/redact bodies against.
    expect((await shopRow(merchant.domain)).shopifyId).toBe(BigInt(merchant.shopifyId));
    const kpis = await closedMonths(installed.id);
    expect(kpis.some((line) => / orders [1-9]/.test(line))).toBe(true);
    await until(
      "the reconcile scheduler",
      () => queues.reconcile.getJobScheduler(reconcileSchedulerId(installed.id)),
      (s) => !!s,
    );

    // Uninstall, through the endpoint and the ingest worker.
    await uninstall(merchant);
    const uninstalled = await until(
      "app/uninstalled",
      () => shopRow(merchant.domain),
      (shop) => shop.state === "uninstalled",
    );
    expect(uninstalled.uninstalledAt).not.toBeNull();
    expect(await db.prisma.session.count({ where: { shop: merchant.domain } })).toBe(0);

    // shop/redact, 48 hours later in Shopify's time.
    await sendTopic(
      merchant,
      "shop/redact",
      buildShopRedactPayload({ shopId: merchant.shopifyId, shopDomain: merchant.domain }),
    );
    await until(
      "shop/redact",
      () => shopRow(merchant.domain),
      (shop) => shop.state === "redacted",
    );
    expect(await db.prisma.order.count({ where: { shopId: installed.id } })).toBe(0);
    if (deleteEverything) await deleteEveryShopRow(installed.id);
    expect(await schedulersFor(installed.id)).toEqual({
      clvNightly: false,
      reconcile: "skipped",
      digestScheduled: false,
    });

    // Reinstall: the same token exchange brings the shop back and imports its history again.
    const reinstalledAt = new Date();
    await openApp(merchant);
    const back = await shopRow(merchant.domain);
    expect(back).toMatchObject({ id: installed.id, state: "installed", uninstalledAt: null });
    expect(back.installedAt.getTime()).toBeGreaterThanOrEqual(reinstalledAt.getTime());
    await importedAndComputed(installed.id, merchant.orders, reinstalledAt);
    expect(await closedMonths(installed.id)).toEqual(kpis);
    // Fresh bulk operations, read with the new token; their finish webhooks reach the app again.
    expect(fake.operations(merchant.domain)).toHaveLength(6);
    await until(
      "the new finish webhooks",
      () =>
        db.prisma.webhookEvent.count({
          where: {
            shopId: installed.id,
            topic: "bulk_operations/finish",
            status: "processed",
            receivedAt: { gte: reinstalledAt },
          },
        }),
      (count) => count === 3,
    );
    await until(
      "the reconcile scheduler",
      () => queues.reconcile.getJobScheduler(reconcileSchedulerId(installed.id)),
      (s) => !!s,
    );
    expect(await schedulersFor(installed.id)).toEqual({
      clvNightly: true,
      reconcile: "ran",
      digestScheduled: true,
    });
  },
  180_000,
);

test("uninstall then reinstall without redaction resumes on the old rows; a stale absence imports again", async () => {
  const merchant = newMerchant(60);
  const installedAt = new Date();
  await openApp(merchant);
  const { id: shopId } = await shopRow(merchant.domain);
  await importedAndComputed(shopId, merchant.orders, installedAt);
  expect(fake.operations(merchant.domain)).toHaveLength(3);

  // A re-login that exchanges a token again (the session was lost) changes nothing.
  await inboxSettled(shopId);
  const before = {
    shop: await shopRow(merchant.domain),
    states: await db.prisma.syncState.findMany({ where: { shopId }, orderBy: { resource: "asc" } }),
  };
  await db.prisma.session.deleteMany({ where: { shop: merchant.domain } });
  await openApp(merchant);
  expect(await shopRow(merchant.domain)).toEqual(before.shop);
  expect(await db.prisma.syncState.findMany({ where: { shopId }, orderBy: { resource: "asc" } })).toEqual(
    before.states,
  );

  await uninstall(merchant);
  await until(
    "app/uninstalled",
    () => shopRow(merchant.domain),
    (shop) => shop.state === "uninstalled",
  );
  // An order placed while the app was away: no webhook will ever tell the app about it.
  const missedId = 6_100_000_000_000 + Number.parseInt(randomBytes(3).toString("hex"), 16);
  putOrder(merchant.store, {
    id: missedId,
    orderNumber: 9001,
    createdAt: new Date(),
    currency: "USD",
    email: "away@example.com",
    customer: null,
    lines: [
      { productId: 8_000_000_000_001, variantId: 8_100_000_000_001, quantity: 1, unitPriceMinor: 2_500 },
    ],
  });

  const reinstalledAt = new Date();
  await openApp(merchant);
  expect(await shopRow(merchant.domain)).toMatchObject({ state: "installed", uninstalledAt: null });
  // No new import: the reconciliation runs at once and repairs the gap.
  const run = await until(
    "the catch-up reconciliation",
    () => db.prisma.reconcileRun.findFirst({ where: { shopId, startedAt: { gte: reinstalledAt } } }),
    (found) => found?.status === "succeeded",
  );
  expect(run!.missedOrders).toBe(1);
  expect(await db.prisma.order.count({ where: { shopId, id: BigInt(missedId) } })).toBe(1);
  expect(fake.operations(merchant.domain)).toHaveLength(3);
  expect(
    (await db.prisma.syncState.findMany({ where: { shopId } })).every((s) => s.status === "completed"),
  ).toBe(true);
  await until(
    "the digest schedule",
    () => digestQueue.getJobScheduler(digestSchedulerId(shopId)),
    (s) => !!s,
  );
  expect(await schedulersFor(shopId)).toEqual({ clvNightly: true, reconcile: "ran", digestScheduled: true });

  // The uninstall of the previous install, reached only now (stored while the queue was down): ignored.
  const lateId = randomUUID();
  await db.prisma.webhookEvent.create({
    data: {
      shopId,
      webhookId: lateId,
      topic: "app/uninstalled",
      triggeredAt: new Date(reinstalledAt.getTime() - 60_000),
      payload: { id: merchant.shopifyId, domain: merchant.domain },
    },
  });
  expect(await applyWebhookEvent(db.prisma, shopId, lateId)).toBe("processed");
  expect((await shopRow(merchant.domain)).state).toBe("installed");
  expect(await db.prisma.session.count({ where: { shop: merchant.domain } })).toBe(1);

  // Uninstalled and back before the worker applied the uninstall (stored while the queue was down).
  const pendingId = randomUUID();
  await db.prisma.webhookEvent.create({
    data: {
      shopId,
      webhookId: pendingId,
      topic: "app/uninstalled",
      triggeredAt: new Date(),
      payload: { id: merchant.shopifyId, domain: merchant.domain },
    },
  });
  fake.uninstall(merchant.domain);
  // The app's next Admin API call gets a 401, and the library drops the revoked session.
  await db.prisma.session.deleteMany({ where: { shop: merchant.domain } });
  const { installedAt: previousInstall } = await shopRow(merchant.domain);
  await openApp(merchant);
  expect((await shopRow(merchant.domain)).installedAt.getTime()).toBeGreaterThan(previousInstall.getTime());
  await applyWebhookEvent(db.prisma, shopId, pendingId);
  expect((await shopRow(merchant.domain)).state).toBe("installed");
  expect(await db.prisma.session.count({ where: { shop: merchant.domain } })).toBe(1);
  expect(fake.operations(merchant.domain)).toHaveLength(3);

  // Away longer than the reconciliation is trusted to repair: the history is imported again.
  await uninstall(merchant);
  await until(
    "app/uninstalled",
    () => shopRow(merchant.domain),
    (shop) => shop.state === "uninstalled",
  );
  await db.prisma.shop.update({
    where: { id: shopId },
    data: { uninstalledAt: new Date(Date.now() - 8 * 86_400_000) },
  });
  const staleReturn = new Date();
  await openApp(merchant);
  await importedAndComputed(shopId, merchant.orders + 1, staleReturn);
  expect(fake.operations(merchant.domain)).toHaveLength(6);
}, 180_000);
