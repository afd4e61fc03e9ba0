/**
 * The import progress route the dashboard polls, and the Data page's loader and "Import history again":
 * each tells the state the import's rows hold, for the session's shop only.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImportBanner } from "~/sync/status-format";
import * as progressRoute from "~/routes/app.import-progress";
import * as dataRoute from "~/routes/app.settings_.data";
import * as dashboardRoute from "~/routes/app._index";
import * as detailRoute from "~/routes/app.kpi.$kpi";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { data, demoCookie, get, post, runAction, runLoader, useDemoEnvironment } from "./support/routes";

const SHOP = "importing.myshopify.com";
const OTHER = "other.myshopify.com";

describe("import progress route and Data page", () => {
  let database: TestDatabase;
  let cookie: string;
  let shopId: number;
  let otherId: number;

  const setState = (resource: string, data: Record<string, unknown>, id = shopId) =>
    database.prisma.syncState.upsert({
      where: { shopId_resource: { shopId: id, resource } },
      create: { shopId: id, resource, ...data },
      update: data,
    });

  const poll = async (): Promise<{ body: ImportBanner; cache: string | null }> => {
    const response = await runLoader(progressRoute.loader, get("/app/import-progress", cookie));
    if (!(response instanceof Response)) throw new Error("expected a JSON response");
    expect(response.headers.get("Content-Type")).toMatch(/application\/json/);
    return { body: (await response.json()) as ImportBanner, cache: response.headers.get("Cache-Control") };
  };

  const markComputed = () =>
    database.prisma.kpiEngineState.upsert({
      where: { shopId },
      create: { shopId, settingsKey: "test", computedAt: new Date(), rebuiltAt: new Date() },
      update: { computedAt: new Date() },
    });

  beforeAll(async () => {
    database = await createTestDatabase();
    useDemoEnvironment(database.url);
    shopId = (await database.prisma.shop.create({ data: { domain: SHOP, timezone: "Europe/Warsaw" } })).id;
    otherId = (await database.prisma.shop.create({ data: { domain: OTHER } })).id;
    cookie = await demoCookie(SHOP);
  }, 120_000);
  afterAll(async () => {
    await globalThis.__pulseQueues?.close();
    globalThis.__pulseQueues = undefined;
    await (await import("~/db.server")).disconnectDb();
    await database?.drop();
  });

  it("without an import on record there is nothing to show", async () => {
    const { body, cache } = await poll();
    expect(body).toMatchObject({ kind: "none" });
    expect(cache).toBe("no-store");
  });

  it("reports the percentage the import's rows hold, and follows them as they advance", async () => {
    await setState("customers", { status: "completed", rowsDone: 50, finishedAt: new Date() });
    await setState("orders", {
      status: "importing",
      objectCount: 1000n,
      linesDone: 200n,
      importStartedAt: new Date(Date.now() - 60_000),
    });
    await setState("checkouts", { status: "pending" });
    // (100 + 20 + 0) / 3 resources.
    const first = (await poll()).body;
    expect(first).toMatchObject({
      kind: "running",
      percent: 40,
      title: "Importing your store's history: 40%",
    });
    expect(first.text).toMatch(/^Figures are incomplete until the import finishes/);

    await setState("orders", { linesDone: 800n });
    const second = (await poll()).body;
    expect(second.percent).toBe(60);
    expect(second.readAt).toBeGreaterThanOrEqual(first.readAt);
  });

  it("while it runs, the dashboard and the KPI pages do not claim their figures are complete", async () => {
    const dashboard = data(await runLoader(dashboardRoute.loader, get("/app", cookie)));
    expect(dashboard.banner).toMatchObject({ kind: "running", percent: 60 });
    const detail = data(await runLoader(detailRoute.loader, get("/app/kpi/aov", cookie), { kpi: "aov" }));
    expect(detail.importing).toBe(true);
  });

  it("another shop's import never shows", async () => {
    await setState("orders", { status: "failed", error: "Shopify's export failed (TIMEOUT)" }, otherId);
    expect((await poll()).body.percent).toBe(60);
  });

  it("once imported: 'calculating' until the KPI engine has figures, then nothing", async () => {
    for (const resource of ["orders", "checkouts"])
      await setState(resource, { status: "completed", finishedAt: new Date() });
    expect((await poll()).body).toMatchObject({ kind: "computing", title: "Calculating your KPIs" });
    await markComputed();
    expect((await poll()).body.kind).toBe("none");
  });

  it("a failed part: says which, in words, without the raw error", async () => {
    const raw = "Shopify's export failed (INTERNAL_SERVER_ERROR)";
    await setState("checkouts", { status: "failed", error: raw, finishedAt: new Date() });
    const { body } = await poll();
    expect(body.kind).toBe("failed");
    expect(body.text).toContain(
      "Abandoned checkouts: Shopify's export stopped because of a problem on Shopify's side.",
    );
    expect(body.text).not.toContain(raw);
  });

  it("the Data page loader gives the same import state, in the shop's time zone", async () => {
    await setState("checkouts", {
      status: "completed",
      error: null,
      finishedAt: new Date("2026-12-07T09:30:00Z"),
    });
    await setState("orders", { finishedAt: new Date("2026-12-07T09:45:00Z") });
    await setState("customers", { finishedAt: new Date("2026-12-07T09:00:00Z") });
    const page = data(await runLoader(dataRoute.loader, get("/app/settings/data", cookie)));
    expect(page.timezone).toBe("Europe/Warsaw");
    expect(page.importing.title).toBe("Your store's history is imported");
    // 09:45 UTC is 10:45 in Warsaw.
    expect(page.importing.summary).toBe("Finished Dec 7, 2026, 10:45 AM.");
    expect(page.banner.kind).toBe("none");
    const detail = data(await runLoader(detailRoute.loader, get("/app/kpi/aov", cookie), { kpi: "aov" }));
    expect(detail.importing).toBe(false);
  });

  it("'Import history again' restarts every part of this shop's import, and is refused while one runs", async () => {
    const first = data(await runAction(dataRoute.action, post("/app/settings/data", cookie, {})));
    expect(first.ok).toBe(true);
    const states = await database.prisma.syncState.findMany({
      where: { shopId },
      orderBy: { resource: "asc" },
    });
    expect(states.map((s) => [s.resource, s.status, Number(s.linesDone)])).toEqual([
      ["checkouts", "pending", 0],
      ["customers", "pending", 0],
      ["orders", "pending", 0],
    ]);
    // The other shop's failed import is left alone.
    expect((await database.prisma.syncState.findFirstOrThrow({ where: { shopId: otherId } })).status).toBe(
      "failed",
    );
    expect((await poll()).body.kind).toBe("running");

    const requestedAt = states.map((s) => s.requestedAt.getTime());
    const second = data(await runAction(dataRoute.action, post("/app/settings/data", cookie, {})));
    expect(second).toEqual({ ok: false, message: "An import is already running; it was left as it is." });
    const after = await database.prisma.syncState.findMany({
      where: { shopId },
      orderBy: { resource: "asc" },
    });
    expect(after.map((s) => s.requestedAt.getTime())).toEqual(requestedAt);
  });
});
