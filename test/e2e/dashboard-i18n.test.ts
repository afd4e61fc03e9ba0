/**
 * The dashboard in Polish, Ukrainian, Greek and the pseudo-locale, at desktop and phone widths: the
 * page's language, no English words of the dashboard's own outside English, and nothing wider than the
 * screen when words run long. Screenshots go to test-results/screenshots/dashboard-<locale>-<width>.png.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_SHOP_DOMAIN } from "~/auth/demo-session.server";
import { translatorFor } from "~/i18n/catalog.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { startTestWebApp, type TestWebApp } from "../support/web-app";
import { seedShop } from "../pages/support/seed-shop";
import { chromiumAvailable, launchChromium, screenshot, SCREENSHOTS, settled } from "./support/browser";

const run = chromiumAvailable();

// Words the English dashboard shows that no translation may leave on the page.
const ENGLISH =
  /(?<!\p{L})(Store health|Date range|Compare trend with|Trend by|Previous period|vs previous period|vs last year|Changes compare|figures as of|Week of|Each point|Lowest|No values)(?!\p{L})/u;

/** Elements wider than the page, or whose text is wider than their box: overflow from long words. */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const found: string[] = [];
    if (root.scrollWidth > root.clientWidth + 1) found.push(`page ${root.scrollWidth} > ${root.clientWidth}`);
    for (const element of document.querySelectorAll<HTMLElement>(
      "[data-kpi], .Polaris-Page-Header, button",
    )) {
      const { right } = element.getBoundingClientRect();
      if (right > root.clientWidth + 1) found.push(`${element.tagName} ${element.textContent?.slice(0, 40)}`);
      if (element.scrollWidth > element.clientWidth + 1 && getComputedStyle(element).overflowX !== "visible")
        found.push(`clipped ${element.tagName} ${element.textContent?.slice(0, 40)}`);
    }
    return found;
  });
}

describe.runIf(run)("the dashboard in four languages and the pseudo-locale", () => {
  let database: TestDatabase;
  let web: TestWebApp;
  let browser: Browser;

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedShop(database.prisma, {
      domain: DEMO_SHOP_DOMAIN,
      timezone: "Europe/Warsaw",
      customers: 150,
      days: 420,
      now: new Date(),
      seed: 17,
    });
    web = await startTestWebApp({ databaseUrl: database.url, extra: { DEMO_MODE: "true" } });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await web?.close();
    await database?.drop();
  });

  for (const locale of ["pl", "uk", "el", "en-XA"] as const)
    for (const width of [1280, 390] as const)
      it(`${locale} at ${width} px`, async () => {
        const context = await browser.newContext({ viewport: { width, height: 900 } });
        const page = await context.newPage();
        expect((await page.goto(`${web.url}/demo?locale=${locale}`))?.ok()).toBe(true);
        await page.goto(`${web.url}/app`);
        await settled(page);
        expect(await page.getAttribute("html", "lang")).toBe(locale);
        const text = await page.locator("body").innerText();
        expect(text).not.toMatch(ENGLISH);
        expect(await page.locator("[data-kpi]").count()).toBeGreaterThan(5);
        expect(await overflowing(page)).toEqual([]);
        await screenshot(page, `dashboard-${locale}-${width}`);
        // The date picker, with its presets and fields, in the language too.
        const pickerName = translatorFor(locale)
          .t("period.picker.button", { range: "\u0000" })
          .split("\u0000")[0]!;
        await page.getByRole("button", { name: pickerName }).click();
        await page.locator(".Polaris-Popover").waitFor();
        // Polaris fades the popover in: capture it once its transition has ended.
        await page.waitForFunction(() => document.getAnimations().length === 0);
        expect(await page.locator(".Polaris-Popover").innerText()).not.toMatch(ENGLISH);
        await page.screenshot({ path: `${SCREENSHOTS}/dashboard-${locale}-${width}-picker.png` });
        await context.close();
      });
});
