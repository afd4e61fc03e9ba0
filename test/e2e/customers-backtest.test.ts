/** The customers page header's one sentence on the chosen model's holdout check, at 1280 and 390 px. */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_SHOP_DOMAIN } from "~/auth/demo-session.server";
import { readModelBacktest } from "~/clv/model-backtest.server";
import { modelBacktestSentence } from "~/components/ModelBacktestNote";
import { translatorFor } from "~/i18n/catalog.server";
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

describe.runIf(chromiumAvailable())("customers page: the model's holdout check in one sentence", () => {
  let database: TestDatabase;
  let web: TestWebApp;
  let browser: Browser;
  let shop: SeededShop;

  beforeAll(async () => {
    database = await createTestDatabase();
    shop = await seedShop(database.prisma, {
      domain: DEMO_SHOP_DOMAIN,
      timezone: "America/New_York",
      customers: 400,
      days: 760,
      now: new Date(),
      seed: 11,
    });
    web = await startTestWebApp({ databaseUrl: database.url, extra: { DEMO_MODE: "true" } });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await web?.close();
    await database?.drop();
  });

  async function open(width: number): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    expect((await page.goto(`${web.url}/demo`))?.ok()).toBe(true);
    await page.goto(`${web.url}/app/customers`);
    await settled(page);
    return page;
  }

  it.each([1280, 390])("shows the stored figures at %i px, readable and accessible", async (width) => {
    const backtest = await readModelBacktest(database.prisma, shop.shopId);
    if (!backtest) throw new Error("the seeded shop has no backtest");
    expect(backtest.status).toBe("ok");
    const page = await open(width);
    await expect
      .poll(() => page.getByText(modelBacktestSentence(backtest, translatorFor("en"))).count())
      .toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(
      true,
    );
    await screenshot(page, `customers-backtest-${width}`);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.context().close();
  });
});
