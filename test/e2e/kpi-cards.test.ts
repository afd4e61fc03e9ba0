import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_SHOP_DOMAIN } from "~/auth/demo-session.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { startTestWebApp, type TestWebApp } from "../support/web-app";
import { seedShop } from "../pages/support/seed-shop";
import {
  chromiumAvailable,
  launchChromium,
  readWebVitals,
  screenshot,
  SCREENSHOTS,
  seriousAxeViolations,
  settled,
  WEB_VITALS_RECORDER,
} from "./support/browser";

const run = chromiumAvailable();

describe.runIf(run)("dashboard KPI cards in headless Chromium", () => {
  let database: TestDatabase;
  let web: TestWebApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedShop(database.prisma, {
      domain: DEMO_SHOP_DOMAIN,
      timezone: "America/New_York",
      customers: 250,
      days: 500,
      now: new Date(),
      seed: 13,
    });
    web = await startTestWebApp({ databaseUrl: database.url, extra: { DEMO_MODE: "true" } });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript(WEB_VITALS_RECORDER);
    page = await context.newPage();
    const response = await page.goto(`${web.url}/demo`);
    expect(response?.ok()).toBe(true);
  });
  afterAll(async () => {
    await browser?.close();
    await web?.close();
    await database?.drop();
  });

  const chartOf = (slug: string) => page.locator(`[data-kpi="${slug}"] [data-card-chart]`);

  async function expectAccessible(name: string) {
    const violations = await seriousAxeViolations(page);
    expect(violations, `${name}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
  }

  it("hovering a card's chart shows the unit's date and value beside its comparison's", async () => {
    await page.goto(`${web.url}/app`);
    await settled(page);
    const chart = chartOf("orders");
    await chart.scrollIntoViewIfNeeded();
    const box = (await chart.boundingBox())!;
    // The last unit sits at the right end of the plot.
    await page.mouse.move(box.x + box.width - 4, box.y + box.height / 2);
    const tooltip = chart.locator("[data-chart-tooltip]");
    await expect.poll(() => tooltip.count()).toBe(1);
    const text = (await tooltip.innerText()).split("\n").map((line) => line.trim());
    // "Nov 23", "12" then "Oct 24", "9": the unit and its comparison, both with their dates.
    expect(text.join(" ")).toMatch(/^[A-Z][a-z]{2} \d{1,2}\s+\d[\d,]*\s+[A-Z][a-z]{2} \d{1,2}\s+[\d,]+$/);
    // A full-page capture re-lays the page out and loses the hover: capture the card itself.
    await page.locator('[data-kpi="orders"]').screenshot({ path: `${SCREENSHOTS}/kpi-cards-hover-1280.png` });
    await page.mouse.move(0, 0);
    await expect.poll(() => tooltip.count()).toBe(0);
  });

  it("the chart is one keyboard stop with a summary; arrows read each unit aloud", async () => {
    const chart = chartOf("orders");
    expect(await chart.getAttribute("tabindex")).toBe("0");
    expect(await chart.getAttribute("aria-label")).toMatch(
      /^Orders by day, .*dashed line: .*Lowest .* highest .*arrow keys/,
    );
    await chart.focus();
    const live = chart.locator("[aria-live]");
    const lastText = await live.textContent();
    expect(lastText).toMatch(/^[A-Z][a-z]{2} \d{1,2}: \d[\d,]*; [A-Z][a-z]{2} \d{1,2}: /);
    await page.keyboard.press("ArrowLeft");
    await expect.poll(() => live.textContent()).not.toBe(lastText);
    await page.keyboard.press("Home");
    const firstText = await live.textContent();
    await page.keyboard.press("End");
    expect(await live.textContent()).toBe(lastText);
    expect(firstText).not.toBe(lastText);
    await chart.blur();
  });

  it("draws the dashed comparison line when comparing, and none with 'No comparison'", async () => {
    const dashed = page.locator("[data-kpi] path[data-comparison-line][stroke-dasharray]");
    expect(await dashed.count()).toBeGreaterThan(0);
    expect(await page.locator("[data-kpi]").count()).toBe(await dashed.count());
    expect(await dashed.first().getAttribute("d")).toMatch(/^M[\d.]+,[\d.]+L/);

    await page.goto(`${web.url}/app?compare=none`);
    await settled(page);
    expect(await page.locator("[data-comparison-line]").count()).toBe(0);
    expect(await page.locator("[data-current-line]").count()).toBe(await page.locator("[data-kpi]").count());
  });

  it("retention and churn explain each other, year to date shows its change once", async () => {
    await page.goto(`${web.url}/app`);
    await settled(page);
    const churn = await page.locator('[data-kpi="churn"]').innerText();
    expect(churn).toMatch(/of the [\d,]+ customers active at the start were no longer active/);
    expect(churn).toMatch(/Each point is one day's own churn rate/);
    const retention = await page.locator('[data-kpi="retention"]').innerText();
    expect(retention).toMatch(/customers active at the start are still active/);

    await page.goto(`${web.url}/app?range=year-to-date`);
    await settled(page);
    const orders = await page.locator('[data-kpi="orders"]').innerText();
    expect(orders.match(/vs last year/g)).toHaveLength(1);
    expect(orders).not.toContain("vs previous period");
  });

  it("looks right and passes axe at 1280 and 390 px, with no layout shift from the charts", async () => {
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${web.url}/app`);
      await settled(page);
      // The charts are server-rendered at their final size: hydration moves nothing.
      expect((await chartOf("total-sales").boundingBox())!.height).toBeGreaterThan(60);
      expect((await readWebVitals(page)).cls).toBeLessThan(0.01);
      // No horizontal scroll at 390 px.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await screenshot(page, `kpi-cards-${width}`);
      await expectAccessible(`dashboard at ${width} px`);
    }
    const chart = chartOf("orders");
    await chart.scrollIntoViewIfNeeded();
    const box = (await chart.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => chart.locator("[data-chart-tooltip]").count()).toBe(1);
    await page.locator('[data-kpi="orders"]').screenshot({ path: `${SCREENSHOTS}/kpi-cards-hover-390.png` });
    await expectAccessible("dashboard at 390 px with a tooltip");
  });
});
