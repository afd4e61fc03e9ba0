/**
 * Settings and the Data page in Polish, Ukrainian, Greek and the pseudo-locale at 1280 and 390 px
 * (screenshots in test-results/screenshots/), and the Language section: choosing Polski as the admin
 * language and saving reloads the page in Polish. The test restores the demo shop's admin language.
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

const LOCALES: AppLocale[] = ["pl", "uk", "el", "en-XA"];
const WIDTHS = [1280, 390];

describe.runIf(chromiumAvailable())("Settings and the Data page in every language", () => {
  let database: TestDatabase;
  let web: TestWebApp;
  let browser: Browser;
  let shopId: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    shopId = (
      await seedShop(database.prisma, {
        domain: DEMO_SHOP_DOMAIN,
        timezone: "Europe/Warsaw",
        customers: 40,
        days: 60,
        now: new Date(),
        seed: 21,
      })
    ).shopId;
    web = await startTestWebApp({ databaseUrl: database.url, extra: { DEMO_MODE: "true" } });
    browser = await launchChromium();
  });
  afterAll(async () => {
    // The demo shop speaks its admin's language again, whatever a failed step left behind.
    await database?.prisma.shopSettings.updateMany({ where: { shopId }, data: { adminLanguage: null } });
    await browser?.close();
    await web?.close();
    await database?.drop();
  });

  async function open(locale: AppLocale, width: number): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    expect((await page.goto(`${web.url}/demo?locale=${locale}`))?.ok()).toBe(true);
    return { context, page };
  }

  const overflow = (page: Page) =>
    page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

  for (const locale of LOCALES) {
    for (const width of WIDTHS) {
      it(`${locale} at ${width} px: Settings with its Language section, and the Data page`, async () => {
        const i18n = translatorFor(locale);
        const { context, page } = await open(locale, width);
        try {
          await page.goto(`${web.url}/app/settings`);
          await settled(page);
          expect(await page.getAttribute("html", "lang")).toBe(locale);
          await page.getByRole("heading", { name: i18n.t("settings.language.title") }).waitFor();
          expect(await page.getByLabel(i18n.t("settings.language.admin")).count()).toBe(1);
          expect(await page.getByLabel(i18n.t("settings.language.digest")).count()).toBe(1);
          expect(await overflow(page)).toBeLessThanOrEqual(0);
          await screenshot(page, `settings-${locale}-${width}`);

          await page.goto(`${web.url}/app/settings/data`);
          await settled(page);
          await page.getByRole("heading", { name: i18n.t("data.import.heading") }).waitFor();
          expect(await overflow(page)).toBeLessThanOrEqual(0);
          await screenshot(page, `data-${locale}-${width}`);
        } finally {
          await context.close();
        }
      });
    }
  }

  it("choosing Polski as the admin language and saving reloads the page in Polish", async () => {
    const en = translatorFor("en");
    const pl = translatorFor("pl");
    const { context, page } = await open("en", 1280);
    try {
      await page.goto(`${web.url}/app/settings`);
      await settled(page);
      const select = page.getByLabel(en.t("settings.language.admin"));
      expect(await select.inputValue()).toBe("");
      expect(await select.locator("option").first().textContent()).toBe(
        en.t("settings.language.adminFollow", { language: "English" }),
      );
      await select.selectOption("pl");
      await page
        .getByRole("button", { name: en.t("settings.actions.save") })
        .first()
        .click();
      await page.getByText(pl.t("settings.saved.title")).waitFor();
      expect(await page.getAttribute("html", "lang")).toBe("pl");
      await page.getByRole("heading", { name: pl.t("settings.page.title"), level: 1 }).waitFor();
      expect(await page.getByRole("link", { name: pl.t("common.nav.customers") }).count()).toBeGreaterThan(0);
      expect(
        (await database.prisma.shopSettings.findUniqueOrThrow({ where: { shopId } })).adminLanguage,
      ).toBe("pl");
      await screenshot(page, "settings-saved-pl-1280");

      // And back: following the Shopify admin again speaks English.
      await page.getByLabel(pl.t("settings.language.admin")).selectOption("");
      await page
        .getByRole("button", { name: pl.t("settings.actions.save") })
        .first()
        .click();
      await page.getByText(en.t("settings.saved.title")).waitFor();
      expect(await page.getAttribute("html", "lang")).toBe("en");
    } finally {
      await context.close();
    }
  });
});
