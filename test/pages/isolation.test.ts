import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as customersCsvRoute from "~/routes/app.customers_.csv";
import { encodeCursor } from "~/pages/customers.server";
import * as customersRoute from "~/routes/app.customers";
import * as kpiCsvRoute from "~/routes/app.kpi.$kpi_.csv";
import * as detailRoute from "~/routes/app.kpi.$kpi";
import * as dashboardRoute from "~/routes/app._index";
import * as settingsRoute from "~/routes/app.settings";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { seedShop, type SeededShop } from "./support/seed-shop";
import { data, demoCookie, get, post, runAction, runLoader, useDemoEnvironment } from "./support/routes";

const A = "shop-a.myshopify.com";
const B = "shop-b.myshopify.com";
const NOW = new Date("2026-11-20T15:00:00Z");

describe("tenant isolation: shop A cannot read or change shop B through ids or parameters", () => {
  let database: TestDatabase;
  let a: SeededShop;
  let b: SeededShop;
  let cookieA: string;
  let cookieB: string;
  // Route modules read the environment and the database only when called, never on import.
  const routes = {
    dashboard: dashboardRoute,
    detail: detailRoute,
    kpiCsv: kpiCsvRoute,
    customers: customersRoute,
    customersCsv: customersCsvRoute,
    settings: settingsRoute,
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    useDemoEnvironment(database.url);
    a = await seedShop(database.prisma, {
      domain: A,
      customers: 220,
      days: 500,
      now: NOW,
      seed: 1,
      idBase: 1_000_000,
    });
    b = await seedShop(database.prisma, {
      domain: B,
      customers: 260,
      days: 500,
      now: NOW,
      seed: 2,
      idBase: 2_000_000,
    });
    cookieA = await demoCookie(A);
    cookieB = await demoCookie(B);
  }, 180_000);
  afterAll(async () => {
    await globalThis.__pulseQueues?.close();
    globalThis.__pulseQueues = undefined;
    const { disconnectDb } = await import("~/db.server");
    await disconnectDb();
    await database?.drop();
  });

  const TAMPER = `shop=${B}&shopId=${"{B}"}&shop_id={B}&range=last-90-days`;
  const tamper = (path: string, shopId: number) =>
    `${path}${path.includes("?") ? "&" : "?"}${TAMPER.replaceAll("{B}", String(shopId))}`;

  it("the two shops really differ (so equal answers below mean isolation, not coincidence)", async () => {
    const dashA = data(await runLoader(routes.dashboard.loader, get("/app?range=last-90-days", cookieA)));
    const dashB = data(await runLoader(routes.dashboard.loader, get("/app?range=last-90-days", cookieB)));
    expect(dashA.shop.domain).toBe(A);
    expect(dashB.shop.domain).toBe(B);
    expect(dashA.dashboard.cards.map((c) => c.value)).not.toEqual(dashB.dashboard.cards.map((c) => c.value));
  });

  it("dashboard: shop and shopId parameters are ignored; the session decides", async () => {
    const plain = data(await runLoader(routes.dashboard.loader, get("/app?range=last-90-days", cookieA)));
    const tampered = data(await runLoader(routes.dashboard.loader, get(tamper("/app", b.shopId), cookieA)));
    expect(tampered.shop.domain).toBe(A);
    expect(tampered.dashboard).toEqual(plain.dashboard);
  });

  it("KPI detail and its CSV: tampered parameters return shop A's rows only", async () => {
    const plain = data(
      await runLoader(routes.detail.loader, get("/app/kpi/aov?range=last-90-days", cookieA), { kpi: "aov" }),
    );
    const tampered = data(
      await runLoader(routes.detail.loader, get(tamper("/app/kpi/aov", b.shopId), cookieA), { kpi: "aov" }),
    );
    expect(tampered.detail).toEqual(plain.detail);
    const csvA = await (
      await routes.kpiCsv.loader({
        request: get(tamper("/app/kpi/aov/csv", b.shopId), cookieA),
        params: { kpi: "aov" },
        context: {},
      })
    ).text();
    const csvB = await (
      await routes.kpiCsv.loader({
        request: get("/app/kpi/aov/csv?range=last-90-days", cookieB),
        params: { kpi: "aov" },
        context: {},
      })
    ).text();
    const csvAPlain = await (
      await routes.kpiCsv.loader({
        request: get("/app/kpi/aov/csv?range=last-90-days", cookieA),
        params: { kpi: "aov" },
        context: {},
      })
    ).text();
    expect(csvA).toBe(csvAPlain);
    expect(csvA).not.toBe(csvB);
  });

  it("customers and their CSV never include shop B's customers, whatever the parameters", async () => {
    const page = data(
      await runLoader(
        routes.customers.loader,
        get(`/app/customers?shopId=${b.shopId}&shop=${B}&customer=c:${b.customerIds[0]}`, cookieA),
      ),
    );
    expect(page.data.model.status, JSON.stringify(page.data.model)).toBe("ok");
    expect(page.data.rows.length).toBeGreaterThan(0);
    const idsOfA = new Set(a.customerIds.map((id) => `c:${id}`));
    for (const row of page.data.rows)
      expect(row.key.startsWith("c:") ? idsOfA.has(row.key) : true).toBe(true);
    // A page cursor is a position in the list, never a shop: one naming shop B's customer still pages shop A.
    const cursorOfB = encodeCursor({ sort: "clv", value: Number.MAX_VALUE, key: `c:${b.customerIds[0]}` });
    const paged = data(
      await runLoader(
        routes.customers.loader,
        get(`/app/customers?page=2&after=${cursorOfB}&shopId=${b.shopId}`, cookieA),
      ),
    );
    expect(paged.data.rows.length).toBeGreaterThan(0);
    for (const row of paged.data.rows)
      expect(row.key.startsWith("c:") ? idsOfA.has(row.key) : true).toBe(true);
    expect(paged.data.counts).toEqual(page.data.counts);
    const response = await routes.customersCsv.loader({
      request: get(`/app/customers/csv?shopId=${b.shopId}`, cookieA),
      params: {},
      context: {},
    });
    const csv = await response.text();
    expect(csv).toContain("@example.com");
    expect(csv).not.toMatch(/customer2\d{6}@example\.com/); // shop B's ids start at 2,000,000
  });

  it("settings: a shopId or shop in the form changes shop A only", async () => {
    const before = await database.prisma.shopSettings.findUnique({ where: { shopId: b.shopId } });
    const form = {
      activityWindowDays: "120",
      graceMinutes: "15",
      refundAttribution: "refund_date",
      grossMarginPct: "",
      "spend:2026-01": "100",
      digestRecipients: "",
      digestWeekday: "1",
      digestHour: "8",
      shopId: String(b.shopId),
      shop: B,
    };
    const result = data(
      await runAction(routes.settings.action, post(`/app/settings?shopId=${b.shopId}`, cookieA, form)),
    );
    expect(result.ok).toBe(true);
    const settingsA = await database.prisma.shopSettings.findUniqueOrThrow({ where: { shopId: a.shopId } });
    const settingsB = await database.prisma.shopSettings.findUnique({ where: { shopId: b.shopId } });
    expect(settingsA.activityWindowDays).toBe(120);
    expect(settingsB?.activityWindowDays ?? 180).toBe(before?.activityWindowDays ?? 180);
    expect(await database.prisma.marketingSpendMonth.count({ where: { shopId: a.shopId } })).toBe(1);
    expect(await database.prisma.marketingSpendMonth.count({ where: { shopId: b.shopId } })).toBe(0);
  });

  it("a demo cookie for shop B forged without the app secret is not a session", async () => {
    const forged = await demoCookie(B, "not-the-secret");
    const result = await runLoader(routes.dashboard.loader, get("/app", forged));
    expect(result).toBeInstanceOf(Response);
    expect([302, 401, 410]).toContain((result as Response).status);
  });

  it("an unknown KPI slug is a 404, not another shop's data", async () => {
    const result = await runLoader(routes.detail.loader, get("/app/kpi/../../shop-b", cookieA), {
      kpi: "../../shop-b",
    });
    expect((result as Response).status).toBe(404);
  });
});
