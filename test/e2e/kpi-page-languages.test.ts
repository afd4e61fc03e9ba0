/**
 * The KPI detail page and the unknown page in each language and the pseudo-locale, at desktop and phone
 * widths: the page's own words follow the language, and nothing overflows at 390 px. Screenshots go to
 * test-results/screenshots/kpi-<locale>-<width>.png.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_SHOP_DOMAIN } from "~/auth/demo-session.server";
import { translatorFor } from "~/i18n/catalog.server";
import type { AppLocale } from "~/i18n/locales";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { startTestWebApp, type TestWebApp } from "../support/web-app";
import { seedShop } from "../pages/support/seed-shop";
import { chromiumAvailable, launchChromium, screenshot, settled } from "./support/browser";

const LOCALES: readonly AppLocale[] = ["pl", "uk", "el", "en-XA", "en"];
const english = translatorFor("en");
/** The page's own English headings, which no other language may show. */
const ENGLISH_HEADINGS = [
  english.t("kpiPage.formula.heading"),
  english.t("kpiPage.table.heading"),
  english.t("kpiPage.differs.heading"),
  english.t("kpi.aov.title"),
];

describe.runIf(chromiumAvailable())("the KPI page in every language", () => {
  let database: TestDatabase;
  let web: TestWebApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedShop(database.prisma, {
      domain: DEMO_SHOP_DOMAIN,
      timezone: "Europe/Warsaw",
      currency: "PLN",
      customers: 150,
      days: 400,
      now: new Date(),
      seed: 23,
    });
    web = await startTestWebApp({ databaseUrl: database.url, extra: { DEMO_MODE: "true" } });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await web?.close();
    await database?.drop();
  });

  it.each(LOCALES)("%s: the AOV page speaks the language and fits 390 px", async (locale) => {
    const i18n = translatorFor(locale);
    expect((await page.goto(`${web.url}/demo?locale=${locale}`))?.ok()).toBe(true);
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
      await page.goto(`${web.url}/app/kpi/aov?range=last-90-days&granularity=month`);
      await settled(page);
      expect(await page.getAttribute("html", "lang")).toBe(locale);
      const text = await page.locator("body").innerText();
      expect(text).toContain(i18n.t("kpi.aov.title"));
      expect(text).toContain(i18n.t("kpiPage.formula.heading"));
      expect(text).toContain(i18n.t("kpiPage.differs.heading"));
      if (locale !== "en") for (const heading of ENGLISH_HEADINGS) expect(text).not.toContain(heading);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${locale} at ${width} px`).toBeLessThanOrEqual(0);
      await screenshot(page, `kpi-${locale}-${width}`);
    }
    await page.goto(`${web.url}/app/no-such-page`);
    await settled(page);
    expect(await page.locator("body").innerText()).toContain(i18n.t("kpiPage.routeError.notFound.title"));
    expect(await page.title()).toBe(i18n.t("kpiPage.notFound.metaTitle"));
    await screenshot(page, `not-found-${locale}-390`);
  });

  it.each(["pl", "uk", "el"] as const)("%s: a blank value says why in the language", async (locale) => {
    const i18n = translatorFor(locale);
    await page.goto(`${web.url}/demo?locale=${locale}`);
    await page.setViewportSize({ width: 390, height: 844 });
    // No marketing spend is entered in the demo shop, so CAC is blank and says which months are missing.
    await page.goto(`${web.url}/app/kpi/cac?range=last-month`);
    await settled(page);
    const blank = (await page.locator("[data-blank-reason]").first().innerText()).trim();
    const missing = i18n.t("blanks.spend.missing", { months: "\u0000" }).split("\u0000")[0]!;
    expect(blank.startsWith(missing), blank).toBe(true);
    expect(blank).not.toMatch(/Enter marketing spend|missing:/);
    await screenshot(page, `kpi-cac-blank-${locale}-390`);
  });
});
