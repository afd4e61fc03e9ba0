import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_SHOP_DOMAIN } from "~/auth/demo-session.server";
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

const run = chromiumAvailable();

describe.runIf(run)("customers page in headless Chromium: search, filters, sort, admin links", () => {
  let database: TestDatabase;
  let web: TestWebApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let shop: SeededShop;

  beforeAll(async () => {
    database = await createTestDatabase();
    shop = await seedShop(database.prisma, {
      domain: DEMO_SHOP_DOMAIN,
      customers: 300,
      days: 700,
      now: new Date(),
      seed: 23,
    });
    web = await startTestWebApp({ databaseUrl: database.url, extra: { DEMO_MODE: "true" } });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    const response = await page.goto(`${web.url}/demo`);
    expect(response?.ok()).toBe(true);
  });
  afterAll(async () => {
    await browser?.close();
    await web?.close();
    await database?.drop();
  });

  async function expectAccessible(p: Page, name: string) {
    const violations = await seriousAxeViolations(p);
    expect(violations, `${name}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
  }

  const pagerLabel = (p: Page) =>
    p
      .locator(".Polaris-Pagination")
      .innerText()
      .then((text) => text.replace(/\s+/g, " ").trim());
  const rowCells = (p: Page, column: number) =>
    p.$$eval(
      ".Polaris-IndexTable__TableRow",
      (rows, i) => rows.map((row) => row.querySelectorAll("td")[i]?.textContent?.trim() ?? ""),
      column,
    );
  const money = (text: string) => Number(text.replace(/[$,]/g, ""));

  it("lists 50 customers with a counted pager, and each name links to the customer in the Shopify admin", async () => {
    await page.goto(`${web.url}/app/customers`);
    await settled(page);
    const predicted = await database.prisma.clvPrediction.count({ where: { shopId: shop.shopId } });
    expect(await pagerLabel(page)).toBe(`1–50 of ${predicted.toLocaleString("en")}`);
    expect((await rowCells(page, 0)).length).toBe(50);
    const first = page.locator(".Polaris-IndexTable__TableRow").first().locator("td").first().locator("a");
    const href = (await first.getAttribute("href"))!;
    expect(href).toMatch(/^https:\/\/admin\.shopify\.com\/store\/pulse-demo\/customers\/\d+$/);
    expect(await first.getAttribute("target")).toBe("_top");
    // The link names the customer the row shows.
    const id = href.split("/").at(-1)!;
    const customer = await database.prisma.customer.findUniqueOrThrow({
      where: { shopId_id: { shopId: shop.shopId, id: BigInt(id) } },
    });
    expect(await first.innerText()).toBe(`${customer.firstName} ${customer.lastName}`);
    expect((await rowCells(page, 2))[0]).toBe(customer.email);
    // Predicted value is sorted on, and says so to assistive technology.
    expect(await page.locator('th[aria-sort="descending"]').innerText()).toContain("Predicted value");
    await screenshot(page, "customers-page-1280");
    await expectAccessible(page, "customers at 1280");
  });

  it("search, a filter and a sorted heading narrow and order the list, and live in the URL", async () => {
    await page.getByPlaceholder("Search by name or email").fill("Ada12");
    await page.waitForURL(/q=Ada12/);
    await settled(page);
    // Ada12 and Ada120…Ada129.
    await expect.poll(() => pagerLabel(page), { timeout: 15_000 }).toBe("1–11 of 11");
    const names = await rowCells(page, 0);
    expect(names.every((name) => name.startsWith("Ada12"))).toBe(true);

    await page.getByRole("button", { name: /Add filter/ }).click();
    await page.locator(".Polaris-Popover").getByText("Number of orders", { exact: true }).click();
    await page.getByLabel("Number of orders from").fill("2");
    await page.waitForURL(/orders_min=2/);
    await settled(page);
    await page.keyboard.press("Escape");
    await expect
      .poll(async () => (await rowCells(page, 3)).every((orders) => Number(orders) >= 2), { timeout: 15_000 })
      .toBe(true);
    const filtered = await pagerLabel(page);
    expect(filtered).toMatch(/^1–\d+ of \d+$/);
    expect(filtered).not.toBe("1–11 of 11");

    await page.getByRole("button", { name: "Spend to date", exact: true }).click();
    await page.waitForURL(/sort=spent/);
    await settled(page);
    await expect
      .poll(() => page.locator('th[aria-sort="descending"]').innerText(), { timeout: 15_000 })
      .toContain("Spend to date");
    const spent = (await rowCells(page, 4)).map(money);
    expect(spent).toEqual([...spent].sort((a, b) => b - a));
    await screenshot(page, "customers-page-filtered-1280");

    // A reload keeps the whole view.
    const url = page.url();
    await page.reload();
    await settled(page);
    expect(page.url()).toBe(url);
    expect(await page.getByPlaceholder("Search by name or email").inputValue()).toBe("Ada12");
    expect(await pagerLabel(page)).toBe(filtered);
    expect((await rowCells(page, 4)).map(money)).toEqual(spent);
  });

  it("a nonsense address shows the default list with a message", async () => {
    await page.goto(`${web.url}/app/customers?sort=shoe-size&spent_min=-4`);
    await settled(page);
    await page.getByText("Part of this address could not be used").waitFor();
    await page.getByText(/"shoe-size" is not a way to sort/).waitFor();
    expect((await rowCells(page, 0)).length).toBe(50);
  });

  it("at 390 px: a list without sideways scrolling, segment and sort still at hand, axe clean", async () => {
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${web.url}/app/customers?q=Ada1`);
    await settled(phone);
    await phone.locator(".Polaris-IndexTable__CondensedList").waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(
      true,
    );
    // Nothing on the page reaches past the screen's right edge, so nothing is cut off (even inside a
    // scrolling container).
    const overflowing = await phone.evaluate(() =>
      [...document.querySelectorAll("body *")]
        .filter((el) => {
          const r = el.getBoundingClientRect();
          return r.width > 0 && r.right > window.innerWidth + 1;
        })
        .map((el) => el.className)
        .slice(0, 5),
    );
    expect(overflowing).toEqual([]);
    const link = phone.locator(".Polaris-IndexTable__CondensedList a").first();
    expect(await link.getAttribute("href")).toMatch(/\/store\/pulse-demo\/customers\/\d+$/);
    await phone.getByLabel("Sort by").selectOption("name");
    await phone.waitForURL(/sort=name/);
    await settled(phone);
    await screenshot(phone, "customers-page-390");
    await expectAccessible(phone, "customers at 390");
    await phone.close();
  });
});
