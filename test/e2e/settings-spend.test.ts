/**
 * Marketing spend in the browser: a past month's spend entered on the Settings page gives CAC and ROAS on
 * the dashboard (after the recompute the save queues), a period without spend says how to fix its blank,
 * and the Settings page is axe-clean at 1280 and 390 px.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_SHOP_DOMAIN } from "~/auth/demo-session.server";
import { parsePeriod } from "~/kpi/calendar/parse-period";
import { computePeriodReport } from "~/kpi-engine/compute-period.server";
import { recomputeShop } from "~/kpi-engine/recompute.server";
import { snapshotsComputedAt } from "~/kpi-engine/snapshots.server";
import { formatKpi } from "~/pages/kpi-format";
import { monthLabel } from "~/pages/settings-form";
import { monthKeyOf } from "~/settings/marketing-spend";
import { readMarketingSpend } from "~/settings/marketing-spend.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { startTestWebApp, type TestWebApp } from "../support/web-app";
import { seedShop, type SeededShop } from "../pages/support/seed-shop";
import {
  chromiumAvailable,
  launchChromium,
  screenshot,
  seriousAxeViolations,
  settled,
} from "./support/browser";
import { translatorFor } from "~/i18n/catalog.server";

const en = translatorFor("en");

const TIMEZONE = "America/New_York";

describe.runIf(chromiumAvailable())("marketing spend in settings, CAC and ROAS on the dashboard", () => {
  let database: TestDatabase;
  let web: TestWebApp;
  let browser: Browser;
  let page: Page;
  let shop: SeededShop;
  // Last month in the shop's zone: a past month, complete, with orders.
  const now = new Date();
  const thisMonth = monthKeyOf(now, TIMEZONE);
  const [y, m] = thisMonth.split("-").map(Number) as [number, number];
  const lastMonth = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;

  beforeAll(async () => {
    database = await createTestDatabase();
    shop = await seedShop(database.prisma, {
      domain: DEMO_SHOP_DOMAIN,
      timezone: TIMEZONE,
      customers: 200,
      days: 120,
      now,
      seed: 19,
    });
    web = await startTestWebApp({ databaseUrl: database.url, extra: { DEMO_MODE: "true" } });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    expect((await page.goto(`${web.url}/demo`))?.ok()).toBe(true);
  });
  afterAll(async () => {
    await browser?.close();
    await web?.close();
    await database?.drop();
  });

  async function expectAccessible(name: string) {
    const violations = await seriousAxeViolations(page);
    expect(violations, `${name}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
  }

  const cardText = (slug: string) =>
    page.$eval(`[data-kpi="${slug}"]`, (card) => (card as HTMLElement).innerText);
  const cardValue = (slug: string) =>
    page.$eval(`[data-kpi="${slug}"] [data-kpi-value]`, (v) => v.textContent?.trim() ?? "");

  it("saves a past month's spend, and the dashboard shows CAC and ROAS of that month", async () => {
    await page.goto(`${web.url}/app/settings`);
    await settled(page);
    await page.getByLabel(monthLabel(lastMonth, en), { exact: true }).fill("1,500");
    await page.getByRole("button", { name: "Save" }).first().click();
    await page.getByText("Settings saved").waitFor();
    expect(await readMarketingSpend(database.prisma, shop.shopId)).toEqual({ [lastMonth]: 150_000 });
    await screenshot(page, "settings-spend-1280");
    await expectAccessible("settings at 1280 px");

    // The save queued a recompute; run it as the worker would.
    await recomputeShop(database.prisma, shop.shopId);
    await page.goto(`${web.url}/app?range=last-month`);
    await settled(page);
    const computedAt = (await snapshotsComputedAt(database.prisma, shop.shopId))!;
    const report = await computePeriodReport(
      database.prisma,
      shop.shopId,
      parsePeriod(lastMonth, TIMEZONE, computedAt),
      { now: computedAt },
    );
    const value = (kpi: string) => report.current.find((v) => v.kpi === kpi)?.value ?? null;
    const newCustomers = value("new_customers")!;
    expect(newCustomers).toBeGreaterThan(0);
    expect(value("cac")).toBeCloseTo(150_000 / newCustomers, 9);
    expect(await cardValue("cac")).toBe(formatKpi(value("cac"), "money", "USD", en));
    expect(await cardValue("roas")).toBe(formatKpi(value("roas"), "multiple", "USD", en));
    expect(await cardValue("cac")).not.toBe("—");
    await screenshot(page, "dashboard-cac-roas-1280");

    // This month has no spend yet: the blank says what fixes it.
    await page.goto(`${web.url}/app?range=month-to-date`);
    await settled(page);
    expect(await cardText("cac")).toContain("Enter marketing spend in settings");
    expect(await cardText("cac")).toContain(monthLabel(thisMonth, en));
  });

  it("settings at 390 px: the spend table fits and axe finds nothing serious", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${web.url}/app/settings`);
    await settled(page);
    expect(await page.getByLabel(monthLabel(lastMonth, en), { exact: true }).inputValue()).toBe("1500.00");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, "settings-spend-390");
    await expectAccessible("settings at 390 px");
  });
});
