/**
 * The admin block's route, GET /api/customer-clv/:id, as Shopify's admin calls it from the customer page:
 * with the extension's session token as a Bearer header, from the extension sandbox's origin (CORS).
 * The right shop gets its customer's figures; another shop's customer is a 404 that reveals nothing; an
 * expired or forged token is a 401; the preflight is answered.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createQueues } from "~/jobs/producer.server";
import { startFakeAdminApi, type FakeAdminApi } from "../../fake-shopify/admin-api";
import { FakeShopStore } from "../../fake-shopify/admin-api/store";
import { signSessionToken } from "../../fake-shopify/session-token";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { TEST_API_KEY, TEST_API_SECRET, startTestWebApp, type TestWebApp } from "../support/web-app";
import { seedShop } from "../pages/support/seed-shop";
import { loadCustomerClv } from "../../extensions/customer-clv-block/src/load-customer-clv";

const A = "clv-block-a.myshopify.com";
const B = "clv-block-b.myshopify.com";
const NOW = new Date("2026-11-20T15:00:00Z");
const ORIGIN = "https://extensions.shopifycdn.com";
const BROWSER =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36";

describe("the customer CLV block's route", () => {
  let database: TestDatabase;
  let fake: FakeAdminApi;
  let web: TestWebApp;
  let customerOfA: { id: string; pAlive: number; expectedOrders: number; clv: number };
  let customerOfB: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    fake = await startFakeAdminApi({ shops: [], app: { apiKey: TEST_API_KEY, secret: TEST_API_SECRET } });
    for (const [domain, token] of [
      [A, "shpat_block_a"],
      [B, "shpat_block_b"],
    ] as const) {
      const store = new FakeShopStore({
        domain,
        name: domain,
        currencyCode: "USD",
        ianaTimezone: "UTC",
        taxesIncluded: false,
      });
      fake.addShop({
        store,
        accessToken: token,
        scopes: ["read_orders", "read_customers", "write_customers"],
      });
    }
    const a = await seedShop(database.prisma, {
      domain: A,
      customers: 300,
      days: 400,
      now: NOW,
      seed: 3,
      idBase: 3_000_000,
    });
    const b = await seedShop(database.prisma, {
      domain: B,
      customers: 300,
      days: 400,
      now: NOW,
      seed: 4,
      idBase: 4_000_000,
    });
    const [predictionA] = await database.prisma.clvPrediction.findMany({
      where: { shopId: a.shopId, customerKey: { startsWith: "c:" }, frequency: { gt: 0 } },
      orderBy: { customerKey: "asc" },
      take: 1,
    });
    const [predictionB] = await database.prisma.clvPrediction.findMany({
      where: { shopId: b.shopId, customerKey: { startsWith: "c:" } },
      take: 1,
    });
    customerOfA = {
      id: predictionA!.customerKey.slice(2),
      pAlive: predictionA!.pAlive,
      expectedOrders: predictionA!.expectedOrders,
      clv: predictionA!.predictedClv,
    };
    customerOfB = predictionB!.customerKey.slice(2);
    web = await startTestWebApp({
      databaseUrl: database.url,
      extra: { SHOPIFY_ADMIN_API_ORIGIN: fake.origin, DEMO_MODE: "false" },
    });
  }, 240_000);
  afterAll(async () => {
    await web?.close();
    await fake?.close();
    await database?.drop();
  });

  const tokenFor = (shop: string, extra: Partial<Parameters<typeof signSessionToken>[0]> = {}) =>
    signSessionToken({ shop, apiKey: TEST_API_KEY, secret: TEST_API_SECRET, ...extra });
  const call = (id: string, token: string | null, method = "GET") =>
    fetch(`${web.url}/api/customer-clv/${id}`, {
      method,
      headers: {
        "User-Agent": BROWSER,
        Origin: ORIGIN,
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(method === "OPTIONS"
          ? { "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "authorization" }
          : {}),
      },
      redirect: "manual",
    });

  it("answers the token's shop with its customer's segment, chance, orders, value and spend", async () => {
    const response = await call(customerOfA.id, tokenFor(A));
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    const body = (await response.json()) as Record<string, unknown> & {
      segment: { key: string; label: string };
      spendToDate: { amount: number; formatted: string };
      predictedValue: { amount: number; formatted: string };
    };
    expect(body).toMatchObject({
      customerId: customerOfA.id,
      chanceActivePct: Math.round(customerOfA.pAlive * 100),
      expectedOrders: Math.round(customerOfA.expectedOrders * 10) / 10,
      horizonDays: 365,
      currency: "USD",
    });
    // Stored in cents (USD), answered in dollars.
    expect(body.predictedValue.amount).toBeCloseTo(customerOfA.clv / 100, 6);
    expect(["new", "active", "promising", "at-risk", "lapsed", "lost"]).toContain(body.segment.key);
    expect(body.segment.label.length).toBeGreaterThan(2);
    expect(body.appPath).toMatch(/^\/app\/customers/);

    // Spend to date is the customer's orders less refunds, as stored.
    const [spend] = await database.prisma.$queryRaw<{ minor: bigint }[]>`
      SELECT coalesce(sum(total_minor), 0)::bigint AS minor FROM "order"
      WHERE customer_key = ${`c:${customerOfA.id}`} AND cancelled_at IS NULL AND deleted_at IS NULL AND NOT test`;
    const [refunded] = await database.prisma.$queryRaw<{ minor: bigint }[]>`
      SELECT coalesce(sum(r.lines_subtotal_minor + r.shipping_minor + r.taxes_minor + r.duties_minor), 0)::bigint AS minor
      FROM refund r JOIN "order" o ON o.shop_id = r.shop_id AND o.id = r.order_id
      WHERE o.customer_key = ${`c:${customerOfA.id}`} AND o.cancelled_at IS NULL AND o.deleted_at IS NULL AND NOT o.test`;
    expect(body.spendToDate.amount).toBeCloseTo(Number(spend!.minor - refunded!.minor) / 100, 6);
    expect(body.spendToDate.amount).toBeGreaterThan(0);
    expect(body.spendToDate.formatted).toMatch(/^\$/);
  });

  it("queued the creation of the metafield definitions when the token installed the shop", async () => {
    const queues = createQueues({ databaseUrl: database.url });
    try {
      const shopA = await database.prisma.shop.findUniqueOrThrow({ where: { domain: A } });
      const jobs = await queues.clvMetafields.getJobs([
        "waiting",
        "delayed",
        "active",
        "completed",
        "failed",
      ]);
      expect(jobs.filter((job) => job.name === "definitions").map((job) => job.data)).toContainEqual({
        shopId: shopA.id,
      });
    } finally {
      await queues.close();
    }
  });

  it("accepts the customer's gid as well as its numeric id", async () => {
    const response = await call(encodeURIComponent(`gid://shopify/Customer/${customerOfA.id}`), tokenFor(A));
    expect(response.status).toBe(200);
  });

  it("answers 404 for another shop's customer, without any of its data", async () => {
    const response = await call(customerOfB, tokenFor(A));
    expect(response.status).toBe(404);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    const text = await response.text();
    expect(text).not.toContain(customerOfB);
    expect(text).not.toMatch(/chanceActive|predictedValue|spendToDate/);
    // The same id with B's own token is found: the 404 came from the shop, not the id.
    expect((await call(customerOfB, tokenFor(B))).status).toBe(200);
  });

  it("refuses an expired token and a forged one with 401, CORS headers included", async () => {
    const expired = await call(customerOfA.id, tokenFor(A, { now: new Date(Date.now() - 10 * 60_000) }));
    expect(expired.status).toBe(401);
    expect(expired.headers.get("access-control-allow-origin")).toBe("*");
    const forged = await call(customerOfA.id, tokenFor(A, { secret: "not-the-app-secret" }));
    expect(forged.status).toBe(401);
    expect(await forged.text()).not.toMatch(/predictedValue/);
  });

  it("answers the CORS preflight, allowing the Authorization header", async () => {
    const response = await call(customerOfA.id, null, "OPTIONS");
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-allow-headers")).toMatch(/Authorization/);
    expect(response.headers.get("access-control-max-age")).toBe("7200");
  });

  it("is what the block's loader reads, through a fetch that carries the session token as Shopify's does", async () => {
    const adminFetch = (url: string) =>
      fetch(new URL(url, web.url), {
        headers: { "User-Agent": BROWSER, Origin: ORIGIN, Authorization: `Bearer ${tokenFor(A)}` },
      });
    const state = await loadCustomerClv(adminFetch, `gid://shopify/Customer/${customerOfA.id}`);
    expect(state).toMatchObject({ kind: "ready", card: { customerId: customerOfA.id } });
    const missing = await loadCustomerClv(adminFetch, `gid://shopify/Customer/${customerOfB}`);
    // The block words the missing state itself (its locales/); the route still says why in its JSON.
    expect(missing).toEqual({ kind: "missing" });
  });

  it("refuses an id that is not Shopify's", async () => {
    const response = await call("abc", tokenFor(A));
    expect(response.status).toBe(400);
  });
});
