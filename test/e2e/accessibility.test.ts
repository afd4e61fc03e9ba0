/**
 * Every merchant page, at desktop (1280 px) and phone (390 px) width: axe finds no serious or critical
 * violation, nothing scrolls sideways, and the screenshot is kept for a person to look at. The date
 * picker's popover is checked open, since it is the one piece of UI that only exists after a click.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_SHOP_DOMAIN } from "~/auth/demo-session.server";
import { KPI_SLUGS } from "~/pages/kpi-catalog";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { startTestWebApp, type TestWebApp } from "../support/web-app";
import { seedShop } from "../pages/support/seed-shop";
import {
  chromiumAvailable,
  launchChromium,
  screenshot,
  seriousAxeViolations,
  settled,
} from "./support/browser";

const WIDTHS = [
  { name: "desktop", width: 1280, height: 900 },
  { name: "phone", width: 390, height: 844 },
] as const;

/** Every page a merchant can reach from the navigation, plus one that does not exist. */
const PAGES = [
  { name: "dashboard", path: "/app" },
  ...KPI_SLUGS.map((slug) => ({ name: `kpi-${slug}`, path: `/app/kpi/${slug}` })),
  { name: "customers", path: "/app/customers" },
  { name: "settings", path: "/app/settings" },
  { name: "digest", path: "/app/digest" },
  { name: "privacy", path: "/app/privacy" },
  { name: "not-found", path: "/app/no-such-page" },
];

const run = chromiumAvailable();

describe.runIf(run)("every page is accessible and fits, at 1280 and 390 px", { timeout: 600_000 }, () => {
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
      customers: 150,
      days: 420,
      now: new Date(),
      seed: 5,
    });
    web = await startTestWebApp({ databaseUrl: database.url, extra: { DEMO_MODE: "true" } });
    browser = await launchChromium();
    context = await browser.newContext();
    page = await context.newPage();
    // Nineteen pages twice over: on a loaded machine one page may take longer than playwright's 30 s.
    page.setDefaultTimeout(120_000);
    expect((await page.goto(`${web.url}/demo`))?.ok()).toBe(true);
  });
  afterAll(async () => {
    await browser?.close();
    await web?.close();
    await database?.drop();
  });

  /** What is wrong with the page as it stands: axe's serious findings, and sideways scrolling. */
  async function problems(): Promise<string[]> {
    const found = (await seriousAxeViolations(page)).map(
      (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
    );
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (overflow > 1) found.push(`scrolls sideways by ${overflow} px`);
    return found;
  }

  for (const size of WIDTHS) {
    it(`${size.name}: every page`, async () => {
      await page.setViewportSize({ width: size.width, height: size.height });
      const report: Record<string, string[]> = {};
      for (const target of PAGES) {
        await page.goto(`${web.url}${target.path}`);
        await settled(page);
        await screenshot(page, `a11y-${size.name}-${target.name}`);
        const found = await problems();
        if (found.length > 0) report[target.name] = found;
      }
      expect(report).toEqual({});
    });

    it(`${size.name}: the date picker, open`, async () => {
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.goto(`${web.url}/app`);
      await settled(page);
      await page.getByRole("button", { name: /^Date range/ }).click();
      await page.getByRole("button", { name: "Apply" }).waitFor();
      await screenshot(page, `a11y-${size.name}-date-picker`);
      expect(await problems()).toEqual([]);
    });
  }
});
