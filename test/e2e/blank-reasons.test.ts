/**
 * Every "—" says why, and every rate says what it was taken over: a store with about 200 days of orders,
 * Pulse installed 20 days ago (so checkouts and carts are tracked only since then) and no order
 * yesterday, in Chromium at 1280 and 390 px.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_SHOP_DOMAIN } from "~/auth/demo-session.server";
import { loadDigest } from "~/digest/digest-data.server";
import { digestFormat } from "~/digest/format";
import { renderDigest } from "~/digest/render-digest.server";
import { addLocalDays, startOfLocalDayContaining } from "~/kpi/calendar/zone";
import { recomputeShop } from "~/kpi-engine/recompute.server";
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

const TIMEZONE = "America/New_York";
const DAY = 86_400_000;
const WIDTHS = [1280, 390] as const;

interface ShownCard {
  readonly value: string;
  readonly blank: string | null;
  readonly base: string | null;
  readonly blankChanges: number;
  readonly changeNotes: number;
}

describe.runIf(chromiumAvailable())("blank values and rate bases in headless Chromium", () => {
  let database: TestDatabase;
  let web: TestWebApp;
  let browser: Browser;
  let page: Page;
  let shop: SeededShop;
  let installedText: string;
  let firstOrderText: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    const now = new Date();
    shop = await seedShop(database.prisma, {
      domain: DEMO_SHOP_DOMAIN,
      timezone: TIMEZONE,
      customers: 150,
      days: 200,
      now,
      seed: 19,
    });
    const prisma = database.prisma;
    const installedAt = new Date(now.getTime() - 20 * DAY);
    await prisma.shop.update({ where: { id: shop.shopId }, data: { installedAt } });
    // Carts arrive only by webhook: none before the install. Checkouts too, in this store.
    await prisma.cart.deleteMany({ where: { shopId: shop.shopId, shopifyCreated: { lt: installedAt } } });
    await prisma.checkout.deleteMany({ where: { shopId: shop.shopId, shopifyCreated: { lt: installedAt } } });
    // A quiet day: no order yesterday.
    const today = startOfLocalDayContaining(now, TIMEZONE);
    const yesterday = addLocalDays(today, -1, TIMEZONE);
    const quiet = await prisma.order.findMany({
      where: { shopId: shop.shopId, orderedAt: { gte: yesterday, lt: today } },
      select: { id: true, checkoutToken: true, cartToken: true },
    });
    const ids = quiet.map((o) => o.id);
    await prisma.refund.deleteMany({ where: { shopId: shop.shopId, orderId: { in: ids } } });
    await prisma.order.deleteMany({ where: { shopId: shop.shopId, id: { in: ids } } });
    await prisma.checkout.deleteMany({
      where: { shopId: shop.shopId, shopifyCreated: { gte: yesterday, lt: today } },
    });
    await prisma.cart.deleteMany({
      where: { shopId: shop.shopId, shopifyCreated: { gte: yesterday, lt: today } },
    });
    await recomputeShop(prisma, shop.shopId, { now, mode: "full" });
    const first = await prisma.order.findFirstOrThrow({
      where: { shopId: shop.shopId },
      orderBy: { orderedAt: "asc" },
      select: { orderedAt: true },
    });
    const date = new Intl.DateTimeFormat("en", {
      month: "short",
      day: "numeric",
      year: "numeric",
      timeZone: TIMEZONE,
    });
    installedText = date.format(installedAt);
    firstOrderText = date.format(first.orderedAt);

    web = await startTestWebApp({ databaseUrl: database.url, extra: { DEMO_MODE: "true" } });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    const response = await page.goto(`${web.url}/demo`);
    expect(response?.ok()).toBe(true);
  });
  afterAll(async () => {
    await browser?.close();
    await web?.close();
    await database?.drop();
  });

  async function open(path: string) {
    await page.setViewportSize({ width: 1280, height: 900 });
    const response = await page.goto(`${web.url}${path}`);
    expect(response?.ok()).toBe(true);
    await settled(page);
  }

  async function cards(): Promise<Record<string, ShownCard>> {
    return page.$$eval("[data-kpi]", (sections) =>
      Object.fromEntries(
        sections.map((section) => [
          section.getAttribute("data-kpi"),
          {
            value: section.querySelector("[data-kpi-value]")?.textContent?.trim() ?? "",
            blank: section.querySelector("[data-blank-reason]")?.textContent?.trim() ?? null,
            base: section.querySelector("[data-rate-base]")?.textContent?.trim() ?? null,
            // A change with nothing to compare with reads "— (no comparison)" to screen readers.
            blankChanges: (section.textContent ?? "").split("(no comparison)").length - 1,
            changeNotes: section.querySelectorAll("[data-comparison-blank]").length,
          },
        ]),
      ),
    );
  }

  /** Every "—" on the cards has a reason, and every shown rate its base. */
  function expectEveryBlankExplained(shown: Record<string, ShownCard>) {
    for (const [slug, card] of Object.entries(shown)) {
      if (card.value === "—") expect(card.blank, `${slug} is blank without a reason`).toMatch(/\w{3,}/);
      else expect(card.blank, `${slug} has a value and a blank reason`).toBeNull();
      if (card.value.endsWith("%"))
        expect(card.base, `${slug} shows a rate without its base`).toMatch(/ of /);
      // With a value of its own, each blank change says why the compared period has none.
      if (card.value !== "—")
        expect(card.changeNotes, `${slug} shows a blank change without a reason`).toBe(card.blankChanges);
    }
  }

  /** Screenshots and axe at both widths. */
  async function atBothWidths(name: string) {
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await settled(page);
      await screenshot(page, `blank-reasons-${name}-${width}`);
      const violations = await seriousAxeViolations(page);
      expect(violations, `${name} at ${width} px: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
    }
  }

  it("explains CLV's missing year of history and shows the base of every rate (last 90 days)", async () => {
    await open("/app?range=last-90-days");
    const shown = await cards();
    expectEveryBlankExplained(shown);
    expect(shown.clv!.value).toBe("—");
    expect(shown.clv!.blank).toContain(
      `Needs 12 months of history: your first order was on ${firstOrderText}`,
    );
    expect(shown["gross-profit"]!.blank).toBe("Set your gross margin in Settings to see gross profit.");
    expect(shown["checkout-abandonment"]!.base).toMatch(/^[\d,]+ of [\d,]+ checkouts abandoned$/);
    expect(shown["cart-abandonment"]!.base).toMatch(/^[\d,]+ of [\d,]+ carts abandoned$/);
    expect(shown.churn!.base).toMatch(/^[\d,]+ of [\d,]+ customers active at the start lost$/);
    expect(shown.retention!.base).toMatch(/ of [\d,]+ customers active at the start$/);
    expect(shown["returning-customers"]!.base).toMatch(/^[\d,]+ of [\d,]+ customers returning$/);
    await atBothWidths("dashboard-90-days");
  });

  it("dates a period before the store's history by its first order (last year)", async () => {
    await open("/app?range=last-year");
    const shown = await cards();
    expectEveryBlankExplained(shown);
    expect(shown.orders!.value).toBe("—");
    expect(shown.orders!.blank).toBe(
      `Before your store's first order on ${firstOrderText}. Choose a period from that day on.`,
    );
    expect(shown["checkout-abandonment"]!.blank).toBe(
      `Checkouts are tracked since you installed Pulse on ${installedText}. Choose a period from that day on.`,
    );
    expect(shown["cart-abandonment"]!.blank).toBe(
      `Carts are tracked since you installed Pulse on ${installedText}. Choose a period from that day on.`,
    );
    await atBothWidths("dashboard-last-year");
  });

  it("says a day without orders had none (yesterday)", async () => {
    await open("/app?range=yesterday");
    const shown = await cards();
    expectEveryBlankExplained(shown);
    expect(shown.orders!.value).toBe("0");
    expect(shown.aov!.blank).toBe("No orders in this period.");
    expect(shown["orders-per-customer"]!.blank).toBe("No orders in this period.");
    expect(shown["checkout-abandonment"]!.blank).toBe("No checkouts were started in this period.");
    await atBothWidths("dashboard-yesterday");
  });

  it("names tracking's start on the abandonment page, in its headline base and its blank weeks", async () => {
    await open("/app/kpi/checkout-abandonment?range=last-90-days&granularity=week");
    const base = await page.locator("[data-rate-base]").first().textContent();
    expect(base).toMatch(/^= [\d,]+ abandoned checkouts ÷ [\d,]+ completed \+ abandoned$/);
    const tracked = `Checkouts are tracked since you installed Pulse on ${installedText}.`;
    // The previous 90 days were all before the install; the headline says so under its change.
    const previousNote = await page.locator("[data-comparison-blank]").first().textContent();
    expect(previousNote).toMatch(/^\w{3} \d+/);
    expect(previousNote?.endsWith(`: ${tracked}`), previousNote ?? "").toBe(true);
    const cells = await page.$$eval("td [data-blank-reason], th [data-blank-reason]", (spans) =>
      spans.map((s) => ({ reason: s.getAttribute("data-blank-reason"), text: s.textContent })),
    );
    for (const cell of cells) expect(cell.text).toBe(`— ${cell.reason}`);
    // About ten weeks before the install, each saying so and what to choose instead...
    const own = cells.filter((c) => c.reason === `${tracked} Choose a period from that day on.`);
    expect(own.length).toBeGreaterThanOrEqual(8);
    // ...and every week of the previous period, compared beside them.
    const compared = cells.filter((c) => c.reason === tracked);
    expect(compared.length).toBeGreaterThanOrEqual(12);
    expect(own.length + compared.length).toBe(cells.length);
    // The reason shows on hover, too.
    await page.locator("td [data-blank-reason], th [data-blank-reason]").first().hover();
    await expect
      .poll(() => page.getByRole("tooltip").textContent())
      .toContain(`tracked since you installed Pulse on ${installedText}`);
    await atBothWidths("checkout-abandonment");
  });

  it("says on the CLV page how much history it needs", async () => {
    await open("/app/kpi/clv?range=last-90-days");
    const headline = await page.locator("[data-blank-reason]").first().textContent();
    expect(headline).toContain(`Needs 12 months of history: your first order was on ${firstOrderText}`);
    // The parts that explain it say why they are blank too.
    const parts = await page.$$eval("dd [data-blank-reason]", (spans) =>
      spans.map((s) => s.getAttribute("data-blank-reason") ?? ""),
    );
    expect(parts.filter((r) => r.startsWith("Needs 12 months of history")).length).toBeGreaterThanOrEqual(3);
    expect(parts).toContain(
      "Needs your marketing spend for every month of this period: enter it in Settings.",
    );
    await atBothWidths("clv");
  });

  it("says in the digest, in HTML and plain text, why CLV is blank and what each rate was taken over", async () => {
    const { content } = await loadDigest(
      database.prisma,
      shop.shopId,
      new Date(),
      "test-api-key",
      translatorFor("en"),
    );
    const row = (key: string) => content.rows.find((r) => r.kpi.key === key)!;
    expect(row("formula_clv").value).toBeNull();
    expect(row("formula_clv").blank).toContain("Needs 12 months of history");
    expect(row("checkout_abandonment_rate").base).toMatch(/^[\d,]+ of [\d,]+ checkouts abandoned$/);
    expect(row("churn_rate").base).toMatch(/ customers active at the start lost$/);
    const { html, text } = await renderDigest(content, digestFormat("en-US", "USD"), null);
    expect(text).toContain(`Customer lifetime value: —`);
    expect(text).toContain(`  ${row("formula_clv").blank}`);
    expect(text).toContain(`  ${row("checkout_abandonment_rate").base}`);
    const escaped = (t: string) => t.replace(/&/g, "&amp;").replace(/'/g, "&#x27;");
    expect(html).toContain(escaped(row("formula_clv").blank!));
    expect(html).toContain(row("checkout_abandonment_rate").base!);
  });
});
