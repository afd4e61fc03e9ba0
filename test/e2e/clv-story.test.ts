/** The three CLV figures named and related on the CLV KPI page and the Customers header, at 1280 and 390 px. */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_SHOP_DOMAIN } from "~/auth/demo-session.server";
import { runClvModel } from "~/clv/clv-model.server";
import { recomputeShop } from "~/kpi-engine/recompute.server";
import { CLV_PAGES, CLV_STORY_EN } from "~/pages/clv-story";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { startTestWebApp, type TestWebApp } from "../support/web-app";
import { seedShop } from "../pages/support/seed-shop";
import {
  chromiumAvailable,
  launchChromium,
  screenshot,
  SCREENSHOTS,
  seriousAxeViolations,
  settled,
} from "./support/browser";

describe.runIf(chromiumAvailable())("CLV story on the CLV page and the Customers page", () => {
  let database: TestDatabase;
  let web: TestWebApp;
  let browser: Browser;

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedShop(database.prisma, {
      domain: DEMO_SHOP_DOMAIN,
      timezone: "America/New_York",
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

  async function open(width: number, path: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    expect((await page.goto(`${web.url}/demo`))?.ok()).toBe(true);
    await page.goto(`${web.url}${path}`);
    await settled(page);
    return page;
  }

  const fitsWidth = (page: Page) =>
    page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);

  it.each([
    [1280, "/app/kpi/clv", "clv-story-kpi", "formula"],
    [390, "/app/kpi/clv", "clv-story-kpi", "formula"],
    [1280, "/app/kpi/historical-clv", "clv-story-historical", "historical"],
    [390, "/app/kpi/historical-clv", "clv-story-historical", "historical"],
    [1280, "/app/customers", "clv-story-customers", "predictive"],
    [390, "/app/customers", "clv-story-customers", "predictive"],
  ])("at %i px on %s: three named figures, the viewed one marked", async (width, path, name, current) => {
    const page = await open(width, path);
    const story = page.locator("[data-clv-story]");
    await expect.poll(() => story.count()).toBe(1);
    for (const kind of ["historical", "formula", "predictive"] as const)
      expect(await story.locator(`[data-clv-figure="${kind}"]`).textContent()).toContain(
        CLV_STORY_EN.label[kind].plain,
      );
    expect(await story.locator('[aria-current="true"]').getAttribute("data-clv-figure")).toBe(current);
    // The other two figures link to where they are explained in full.
    expect(
      await story.getByRole("link").evaluateAll((links) => links.map((a) => a.getAttribute("href"))),
    ).toEqual(
      expect.arrayContaining(
        Object.entries(CLV_PAGES)
          .filter(([kind]) => kind !== current)
          .map(([, href]) => href),
      ),
    );
    // No margin in the seeded shop: the story says the figures are revenue and where to set one.
    expect(await story.getByRole("link", { name: CLV_STORY_EN.setMargin }).getAttribute("href")).toBe(
      "/app/settings",
    );
    expect(await fitsWidth(page)).toBe(true);
    await story.scrollIntoViewIfNeeded();
    await screenshot(page, `${name}-${width}`);
    await story.screenshot({ path: `${SCREENSHOTS}/${name}-${width}-story.png` });
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it.each([1280, 390])(
    "with a margin at %i px: every figure is its profit version, labelled so",
    async (width) => {
      const shop = await database.prisma.shop.findUniqueOrThrow({ where: { domain: DEMO_SHOP_DOMAIN } });
      await database.prisma.shopSettings.upsert({
        where: { shopId: shop.id },
        create: { shopId: shop.id, grossMarginPct: 40 },
        update: { grossMarginPct: 40 },
      });
      await recomputeShop(database.prisma, shop.id, { now: new Date(), mode: "full" });
      await runClvModel(database.prisma, shop.id, { now: new Date() });
      const page = await open(width, "/app/customers");
      const story = page.locator("[data-clv-story]");
      await expect.poll(() => story.count()).toBe(1);
      for (const kind of ["historical", "formula", "predictive"] as const)
        expect(await story.locator(`[data-clv-figure="${kind}"]`).textContent()).toContain(
          CLV_STORY_EN.label[kind].profit,
        );
      expect(await story.getByRole("link", { name: CLV_STORY_EN.setMargin }).count()).toBe(0);
      // The KPIs and the model were recomputed with the margin, as saving Settings and the nightly run do.
      expect(await story.textContent()).not.toContain(CLV_STORY_EN.marginStale);
      expect(await fitsWidth(page)).toBe(true);
      await story.screenshot({ path: `${SCREENSHOTS}/clv-story-margin-${width}-story.png` });
      expect(await seriousAxeViolations(page)).toEqual([]);
      await page.context().close();
    },
  );
});
