/**
 * A shop in the middle of its history import, in headless Chromium: the dashboard's banner follows the
 * import's rows without a reload, goes away when the import and its KPI rebuild are done, and the Data
 * page tells the details in plain words at 1280 and 390 px.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_SHOP_DOMAIN } from "~/auth/demo-session.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { startTestWebApp, type TestWebApp } from "../support/web-app";
import {
  chromiumAvailable,
  launchChromium,
  screenshot,
  seriousAxeViolations,
  settled,
} from "./support/browser";

const TIMEZONE = "America/Los_Angeles";
// The banner polls every few seconds; a busy machine may need several polls to show a change.
const LIVE = { timeout: 45_000 };

describe.runIf(chromiumAvailable())("import progress without a reload, and the Data page", () => {
  let database: TestDatabase;
  let web: TestWebApp;
  let browser: Browser;
  let page: Page;
  let shopId: number;
  let navigations = 0;

  const setState = (resource: string, data: Record<string, unknown>) =>
    database.prisma.syncState.upsert({
      where: { shopId_resource: { shopId, resource } },
      create: { shopId, resource, ...data },
      update: data,
    });
  const bannerPercent = () =>
    page
      .locator("[data-import-banner]")
      .evaluateAll((nodes) => nodes.map((n) => n.getAttribute("data-percent")));
  const bannerKind = () =>
    page
      .locator("[data-import-banner]")
      .evaluateAll((nodes) => nodes.map((n) => n.getAttribute("data-import-banner")));
  const expectAccessible = async (name: string) => {
    const violations = await seriousAxeViolations(page);
    expect(violations, `${name}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    shopId = (await database.prisma.shop.create({ data: { domain: DEMO_SHOP_DOMAIN, timezone: TIMEZONE } }))
      .id;
    // Customers are in, orders are a fifth read, checkouts wait: (100 + 20 + 0) / 3 = 40 %.
    await setState("customers", { status: "completed", rowsDone: 412, finishedAt: new Date() });
    await setState("orders", {
      status: "importing",
      bulkStatus: "COMPLETED",
      objectCount: 5000n,
      linesDone: 1000n,
      rowsDone: 1000,
      importStartedAt: new Date(Date.now() - 60_000),
    });
    await setState("checkouts", { status: "pending" });
    web = await startTestWebApp({ databaseUrl: database.url, extra: { DEMO_MODE: "true" } });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    expect((await page.goto(`${web.url}/demo`))?.ok()).toBe(true);
    expect(new URL(page.url()).pathname).toBe("/app");
  });
  afterAll(async () => {
    await browser?.close();
    await web?.close();
    await database?.drop();
  });

  it("the banner's percentage follows the import without a reload, then the banner goes", async () => {
    await settled(page);
    expect(await bannerPercent()).toEqual(["40"]);
    expect(await page.getByText("Importing your store's history: 40%.").count()).toBe(1);
    await screenshot(page, "import-banner-40");
    await expectAccessible("dashboard while importing");

    // From here on, any navigation or reload of the page would show in these two.
    page.on("framenavigated", (frame) => {
      if (frame === page.mainFrame()) navigations++;
    });
    await page.evaluate(() => {
      (window as unknown as { __samePage: boolean }).__samePage = true;
    });

    await setState("orders", { linesDone: 4000n, rowsDone: 4000 });
    // (100 + 80 + 0) / 3 = 60 %.
    await expect.poll(bannerPercent, LIVE).toEqual(["60"]);
    expect(await page.getByText("Importing your store's history: 60%.").count()).toBe(1);
    await screenshot(page, "import-banner-60");

    await setState("orders", {
      status: "completed",
      linesDone: 5000n,
      rowsDone: 5000,
      finishedAt: new Date(),
    });
    await setState("checkouts", { status: "completed", rowsDone: 80, finishedAt: new Date() });
    // Imported, but the KPI engine has not rebuilt from it yet: the page says so.
    await expect.poll(bannerKind, LIVE).toEqual(["computing"]);
    expect(await page.getByText("Your KPIs are being calculated").count()).toBe(1);

    const computedAt = new Date();
    await database.prisma.kpiEngineState.create({
      data: { shopId, settingsKey: "e2e", computedAt, rebuiltAt: computedAt },
    });
    await expect.poll(bannerKind, LIVE).toEqual([]);
    // The dashboard's loader ran again by itself: the figures' time now shows, not the import card.
    await expect.poll(() => page.locator("body").innerText(), LIVE).toContain("figures as of");
    expect(await page.getByText("Your KPIs are being calculated").count()).toBe(0);
    expect(navigations).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage)).toBe(true);
    await screenshot(page, "import-banner-done");
  });

  it("the Data page, linked from the settings, tells the import in plain words (1280 px)", async () => {
    await database.prisma.reconcileRun.create({
      data: {
        shopId,
        since: new Date(Date.now() - 26 * 3_600_000),
        startedAt: new Date(Date.now() - 2 * 3_600_000),
        finishedAt: new Date(Date.now() - 2 * 3_600_000 + 40_000),
        status: "succeeded",
        fetched: 318,
        missedOrders: 2,
      },
    });
    const reason = "ingest gave up after 3 re-drives; last failure: job stalled more than allowable limit";
    await database.prisma.webhookEvent.createMany({
      data: [1, 2, 3].map((i) => ({
        shopId,
        webhookId: `e2e-failed-${i}`,
        topic: "orders/updated",
        receivedAt: new Date(Date.now() - 3 * 3_600_000),
        status: "failed" as const,
        error: reason,
      })),
    });
    await page.getByRole("link", { name: "Settings" }).click();
    await page.waitForURL(/\/app\/settings$/);
    await settled(page);
    await page.getByRole("link", { name: "Data and sync" }).click();
    await page.waitForURL(/\/app\/settings\/data$/);
    await settled(page);
    const text = await page.locator("body").innerText();
    expect(text).toContain("Your store's history is imported");
    expect(text).toContain("Orders: 5,000 imported");
    expect(text).toMatch(
      /Last checked .* 318 changes in Shopify compared, 2 orders missed by live updates and repaired/,
    );
    expect(text).toContain("3 order changes received");
    expect(text).toContain(`Times are in your store's time zone (${TIMEZONE}).`);
    // No debug wording, no GMT times, and the raw reason only inside the folded technical details.
    expect(text).not.toMatch(/GMT|export-finished/);
    expect(text).not.toContain(reason);
    await page.getByText("Technical details").last().click();
    expect(await page.locator("body").innerText()).toContain(reason);
    await screenshot(page, "data-page-1280");
    await expectAccessible("data page at 1280 px");
  });

  it("the Data page at 390 px: no sideways scrolling, accessible", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await settled(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, "data-page-390");
    await expectAccessible("data page at 390 px");
  });

  it("'Import history again' asks first, says what happens, then restarts the import", async () => {
    await page.getByRole("button", { name: "Import history again" }).click();
    const dialog = page.getByRole("dialog");
    await expect.poll(() => dialog.count()).toBe(1);
    expect(await dialog.innerText()).toContain("Nothing is deleted");
    await screenshot(page, "data-page-confirm-390");
    await expectAccessible("re-import confirmation");

    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect.poll(() => page.getByRole("dialog").count()).toBe(0);
    const untouched = await database.prisma.syncState.findMany({ where: { shopId } });
    expect(untouched.every((s) => s.status === "completed")).toBe(true);

    await page.getByRole("button", { name: "Import history again" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Import again" }).click();
    await expect
      .poll(
        async () => (await database.prisma.syncState.findMany({ where: { shopId } })).map((s) => s.status),
        LIVE,
      )
      .toEqual(["pending", "pending", "pending"]);
    await expect
      .poll(() => page.locator("body").innerText(), LIVE)
      .toContain("Importing your store's history: 0%");
    expect(await page.getByRole("button", { name: "Import history again" }).isDisabled()).toBe(true);
    await screenshot(page, "data-page-importing-390");
  });
});
