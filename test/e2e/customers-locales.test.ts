/**
 * The Customers page in Polish, Ukrainian, Greek and the pseudo-locale at 1280 and 390 px: `<html lang>`,
 * the page's own words in that language, and nothing wider than the screen (long Greek and Ukrainian words).
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_SHOP_DOMAIN } from "~/auth/demo-session.server";
import { translatorFor } from "~/i18n/catalog.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { startTestWebApp, type TestWebApp } from "../support/web-app";
import { seedShop } from "../pages/support/seed-shop";
import { chromiumAvailable, launchChromium, screenshot, settled } from "./support/browser";

const LOCALES = ["pl", "uk", "el", "en-XA"] as const;

describe.runIf(chromiumAvailable())("customers page in four languages and the pseudo-locale", () => {
  let database: TestDatabase;
  let web: TestWebApp;
  let browser: Browser;

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedShop(database.prisma, {
      domain: DEMO_SHOP_DOMAIN,
      timezone: "Europe/Warsaw",
      currency: "PLN",
      customers: 300,
      days: 760,
      now: new Date(),
      seed: 13,
    });
    web = await startTestWebApp({ databaseUrl: database.url, extra: { DEMO_MODE: "true" } });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await web?.close();
    await database?.drop();
  });

  async function open(locale: string, width: number): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    expect((await page.goto(`${web.url}/demo?locale=${locale}`))?.ok()).toBe(true);
    await page.goto(`${web.url}/app/customers`);
    await settled(page);
    return page;
  }

  it.each(LOCALES.flatMap((locale) => [1280, 390].map((width) => [locale, width] as const)))(
    "%s at %i px: its language, its words, nothing overflowing",
    async (locale, width) => {
      const page = await open(locale, width);
      expect(await page.getAttribute("html", "lang")).toBe(locale);
      const i18n = translatorFor(locale);
      await expect.poll(() => page.getByText(i18n.t("customers.help.title")).count()).toBe(1);
      const body = await page.locator("body").innerText();
      expect(body).toContain(i18n.t("clvStory.heading"));
      if (locale !== "en-XA") {
        for (const english of [
          "How to read this",
          "Average predicted value",
          "still active",
          "Lifetime value",
        ])
          expect(body, english).not.toContain(english);
      }
      await screenshot(page, `customers-${locale}-${width}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(1);
      await page.context().close();
    },
  );
});
