/** The digest in Polish, Ukrainian and Greek as a phone's mail app shows it: long words must still fit. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { digestFormat } from "~/digest/format";
import { digestCharts, renderDigest } from "~/digest/render-digest.server";
import { sampleDigest } from "../digest/support/sample-digest";
import { chromiumAvailable, launchChromium, screenshot } from "./support/browser";

describe.runIf(chromiumAvailable())("the digest in other languages on a phone", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const cases = (["pl", "uk", "el"] as const).flatMap((language) =>
    [1280, 390, 360].map((width) => [language, width] as const),
  );

  it.each(cases)("%s fits %i px with no horizontal scroll", async (language, width) => {
    const digest = sampleDigest();
    const rendered = await renderDigest(
      digest,
      digestFormat(language, digest.shop.currency),
      "https://x.example/u",
    );
    let html = rendered.html;
    for (const image of digestCharts(digest))
      html = html.replaceAll(`cid:${image.cid}`, `data:image/png;base64,${image.content.toString("base64")}`);
    const page = await browser.newPage({ viewport: { width, height: 800 } });
    await page.setContent(html, { waitUntil: "load" });
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(language);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // A word wider than its table cell spills over the next column without scrolling the page.
    const spilled = await page.$$eval("td", (cells) =>
      cells.filter((cell) => cell.scrollWidth > cell.clientWidth + 1).map((cell) => cell.innerText),
    );
    expect(spilled).toEqual([]);
    await screenshot(page, `digest-${language}-${width}`);
    await page.close();
  });
});
