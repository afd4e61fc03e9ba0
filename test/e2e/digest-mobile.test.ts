/** The weekly digest as a phone's mail app shows it: Chromium at 390 and 360 px, charts inline. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import type { DigestContent } from "~/digest/digest-content";
import { digestRows } from "~/digest/digest-content";
import { DIGEST_KPIS } from "~/digest/digest-kpis";
import { digestFormat } from "~/digest/format";
import { digestCharts, renderDigest } from "~/digest/render-digest.server";
import { chromiumAvailable, launchChromium, screenshot } from "./support/browser";

const wave = (i: number) => Math.sin(i * 1.3);
const history = (base: number) => Array.from({ length: 13 }, (_, i) => base * (1 + 0.05 * wave(i)));

function content(): DigestContent {
  const bases: Record<string, number> = {
    total_sales: 1_234_567_89,
    orders: 4_321,
    aov: 28_571,
    retention_rate: 0.41,
    churn_rate: 0.12,
    checkout_abandonment_rate: 0.63,
    cart_abandonment_rate: 0.71,
    formula_clv: 19_852,
    cac: 4_210,
    roas: 3.4,
  };
  const at = (i: number) => new Map(DIGEST_KPIS.map((k) => [k.key, history(bases[k.key]!)[i]!] as const));
  return {
    shop: {
      id: 1,
      domain: "long-named-shop.myshopify.com",
      name: "A shop with a rather long name",
      currency: "PLN",
      timezone: "Europe/Warsaw",
    },
    week: {
      label: "2026-W49",
      start: new Date("2026-11-29T23:00:00Z"),
      end: new Date("2026-12-06T23:00:00Z"),
    },
    rows: digestRows(
      {
        current: at(12),
        previous: at(11),
        yearAgo: at(0),
        history: new Map(DIGEST_KPIS.map((k) => [k.key, history(bases[k.key]!)])),
      },
      12,
      12,
      "mobile",
    ),
    hasData: true,
    dashboardUrl: "https://admin.shopify.com/store/long-named-shop/apps/key",
  };
}

describe.runIf(chromiumAvailable())("the digest on a phone", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.each([390, 360])("fits %i px with no horizontal scroll, every KPI linked to its page", async (width) => {
    const digest = content();
    const rendered = await renderDigest(digest, digestFormat("en-US", digest.shop.currency), null);
    // Mail apps resolve cid: to the attached PNGs; the page gets them inline.
    let html = rendered.html;
    for (const image of digestCharts(digest))
      html = html.replaceAll(`cid:${image.cid}`, `data:image/png;base64,${image.content.toString("base64")}`);
    const page = await browser.newPage({ viewport: { width, height: 800 } });
    await page.setContent(html, { waitUntil: "load" });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const links = await page.$$eval("a", (anchors) => anchors.map((a) => a.getAttribute("href")));
    for (const kpi of DIGEST_KPIS) expect(links).toContain(`${digest.dashboardUrl}/app/kpi/${kpi.slug}`);
    const words = await page.locator("body").innerText();
    expect(words).toMatch(/\bbetter\b/);
    expect(words).toMatch(/\bworse\b/);
    await screenshot(page, `digest-${width}`);
    await page.close();
  });
});
