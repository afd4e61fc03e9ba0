/**
 * The merchant pages in each language and the pseudo-locale, at 1280 and 390 px: `<html lang>` names the
 * language, no English UI text shows outside English, money, numbers and dates are written the locale's
 * way, and nothing scrolls sideways. Screenshots: test-results/screenshots/languages-<locale>-<page>-<width>.png;
 * what each page still gets wrong: test-results/languages-report.json.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_SHOP_DOMAIN } from "~/auth/demo-session.server";
import { translatorFor } from "~/i18n/catalog.server";
import { formattingLocale, LANGUAGES, PSEUDO_LOCALE, type AppLocale } from "~/i18n/locales";
import { parsePeriod } from "~/kpi/calendar/parse-period";
import { computePeriodReport } from "~/kpi-engine/compute-period.server";
import { snapshotsComputedAt } from "~/kpi-engine/snapshots.server";
import { kpiEntries } from "~/pages/kpi-catalog";
import { formatKpi } from "~/pages/kpi-format";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { startTestWebApp, type TestWebApp } from "../support/web-app";
import { seedShop, type SeededShop } from "../pages/support/seed-shop";
import { chromiumAvailable, launchChromium, screenshot, SCREENSHOTS, settled } from "./support/browser";
import { englishFinder, type EnglishFinder } from "./support/untranslated";

const TIMEZONE = "Europe/Warsaw";
const CURRENCY = "USD";
const LOCALES: AppLocale[] = [...LANGUAGES, PSEUDO_LOCALE];
const WIDTHS = [1280, 390] as const;

/** The pages the issue names; `money` and `dates`: the page always shows an amount / a month name. */
const PAGES = [
  { name: "dashboard", path: "/app", money: true, dates: true },
  { name: "kpi-aov", path: "/app/kpi/aov?range=last-90-days&granularity=week", money: true, dates: true },
  { name: "customers", path: "/app/customers", money: true, dates: false },
  { name: "settings", path: "/app/settings", money: false, dates: false },
] as const;

/** An amount of the shop's currency written the locale's way: "$1,234.56", "1234,56 USD", "1.234,56 $". */
function moneyPattern(locale: AppLocale): RegExp {
  const parts = new Intl.NumberFormat(formattingLocale(locale), { style: "currency", currency: CURRENCY })
    .formatToParts(-12345.67)
    .filter((part) => part.type !== "minusSign");
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const group = escape(parts.find((part) => part.type === "group")!.value);
  const decimal = escape(parts.find((part) => part.type === "decimal")!.value);
  const number = `\\d{1,3}(?:${group}\\d{3})*(?:\\d)?${decimal}\\d{2}`;
  const symbol = escape(parts.find((part) => part.type === "currency")!.value);
  const symbolFirst =
    parts.findIndex((part) => part.type === "currency") < parts.findIndex((p) => p.type === "integer");
  return new RegExp(symbolFirst ? `${symbol}\\s?-?${number}` : `-?${number}\\s${symbol}`);
}

/** Money written the English way, which a page in another language must not show. */
const ENGLISH_MONEY = /(?:\$|USD\s?)-?\d{1,3}(?:,\d{3})*\.\d{2}/;

/** Every way the locale names a month ("grudnia", "груд.", "Δεκ"), lower case, without a final dot. */
function monthNames(locale: AppLocale): Set<string> {
  const names = new Set<string>();
  for (let month = 0; month < 12; month++) {
    const date = new Date(Date.UTC(2026, month, 15));
    for (const style of ["long", "short"] as const) {
      for (const options of [{ month: style }, { month: style, day: "numeric" as const }]) {
        const parts = new Intl.DateTimeFormat(formattingLocale(locale), { ...options, timeZone: "UTC" })
          .formatToParts(date)
          .filter((part) => part.type === "month");
        for (const part of parts) names.add(part.value.toLowerCase().replace(/\.$/, ""));
      }
    }
  }
  return names;
}

/** English month names as Intl writes them, capitalized: no page outside English shows one. */
const ENGLISH_MONTH = new RegExp(
  `\\b(?:${[...monthNames("en")].map((m) => m[0]!.toUpperCase() + m.slice(1)).join("|")})\\b`,
);

/** A text's shape: the same row text with other figures or dates has the same one. */
function shapeOf(text: string): string {
  return text.replace(new RegExp(ENGLISH_MONTH.source, "g"), "M").replace(/\p{N}+(?:[.,\s]\p{N}+)*/gu, "#");
}

/** English found, one of each shape ("… and 40 more like it"), so that a table's rows read as one finding. */
function englishFindings(found: Iterable<string>): string[] {
  const byShape = new Map<string, string[]>();
  for (const text of [...found].sort())
    byShape.set(shapeOf(text), [...(byShape.get(shapeOf(text)) ?? []), text]);
  return [...byShape.values()].map(([first, ...more]) =>
    more.length > 0 ? `English: ${first} … and ${more.length} more like it` : `English: ${first}`,
  );
}

/** Every text a reader meets on the page: visible text nodes (SVG charts included) and the labels of controls. */
async function pageTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const texts: string[] = [document.title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      const parent = node.parentElement;
      const text = (node.textContent ?? "").replace(/\s+/g, " ").trim();
      if (!text || !parent || parent.closest("script, style, noscript, template")) continue;
      if (!parent.checkVisibility({ visibilityProperty: true })) continue;
      texts.push(text);
    }
    for (const element of document.body.querySelectorAll("[aria-label], [title], [placeholder], [alt]")) {
      for (const name of ["aria-label", "title", "placeholder", "alt"]) {
        const value = element.getAttribute(name)?.trim();
        if (value) texts.push(value);
      }
    }
    return texts.filter((text) => text.length > 0);
  });
}

const run = chromiumAvailable();

/** What each page still gets wrong, by locale and page, for whoever translates next. */
const report: Record<string, Record<string, string[]>> = {};

describe.runIf(run)("the pages in every language and the pseudo-locale", { timeout: 900_000 }, () => {
  let database: TestDatabase;
  let web: TestWebApp;
  let browser: Browser;
  let shop: SeededShop;

  beforeAll(async () => {
    database = await createTestDatabase();
    shop = await seedShop(database.prisma, {
      domain: DEMO_SHOP_DOMAIN,
      timezone: TIMEZONE,
      currency: CURRENCY,
      customers: 150,
      days: 420,
      now: new Date(),
      seed: 21,
    });
    web = await startTestWebApp({ databaseUrl: database.url, extra: { DEMO_MODE: "true" } });
    browser = await launchChromium();
  });
  afterAll(async () => {
    fs.mkdirSync(path.dirname(SCREENSHOTS), { recursive: true });
    fs.writeFileSync(
      path.join(path.dirname(SCREENSHOTS), "languages-report.json"),
      `${JSON.stringify(report, null, 2)}\n`,
    );
    await browser?.close();
    await web?.close();
    await database?.drop();
  });

  /** The dashboard cards as the KPI engine computes them for the last 30 days, formatted in `locale`. */
  async function engineCards(locale: AppLocale): Promise<Record<string, string>> {
    const computedAt = (await snapshotsComputedAt(database.prisma, shop.shopId))!;
    const period = parsePeriod("last-30-days", TIMEZONE, computedAt);
    const computed = await computePeriodReport(database.prisma, shop.shopId, period, { now: computedAt });
    const i18n = translatorFor(locale);
    return Object.fromEntries(
      kpiEntries(i18n).map((entry) => [
        entry.slug,
        formatKpi(
          computed.current.find((v) => v.kpi === entry.kpi)?.value ?? null,
          entry.format,
          CURRENCY,
          i18n,
        ),
      ]),
    );
  }

  for (const locale of LOCALES) {
    describe(locale, () => {
      let context: BrowserContext;
      let page: Page;
      const finder: EnglishFinder | null = locale === "en" ? null : englishFinder(locale);
      const months = monthNames(locale);
      const money = moneyPattern(locale);

      beforeAll(async () => {
        context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        page = await context.newPage();
        // Pages wait on a loaded machine's worth of other tests: playwright's 30 s is too short here.
        page.setDefaultTimeout(120_000);
        const response = await page.goto(`${web.url}/demo?locale=${locale}`);
        expect(response?.ok()).toBe(true);
      });
      afterAll(async () => {
        await context?.close();
      });

      for (const target of PAGES) {
        it(`${target.name}: in ${locale}, formatted the ${locale} way, fits at 390 px`, async () => {
          const problems: string[] = [];
          const english = new Set<string>();
          for (const width of WIDTHS) {
            await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
            const response = await page.goto(`${web.url}${target.path}`);
            expect(response?.ok(), `${target.path} answered ${response?.status()}`).toBe(true);
            await settled(page);
            await screenshot(page, `languages-${locale}-${target.name}-${width}`);

            const lang = await page.evaluate(() => document.documentElement.lang);
            if (lang !== locale) problems.push(`${width} px: <html lang="${lang}">, not "${locale}"`);

            const overflow = await page.evaluate(
              () => document.documentElement.scrollWidth - window.innerWidth,
            );
            if (overflow > 0) problems.push(`${width} px: scrolls sideways by ${overflow} px`);

            const texts = await pageTexts(page);
            const body = texts.join("\n");
            if (target.money && !money.test(body))
              problems.push(`${width} px: no amount written like ${money}`);
            if (locale !== "en" && formattingLocale(locale) !== "en" && ENGLISH_MONEY.test(body)) {
              problems.push(
                `${width} px: an amount written the English way: ${body.match(ENGLISH_MONEY)![0]}`,
              );
            }
            if (target.dates) {
              const words = body.toLowerCase().match(/\p{L}+/gu) ?? [];
              if (!words.some((word) => months.has(word)))
                problems.push(`${width} px: no month named in ${locale}`);
              if (formattingLocale(locale) !== "en" && ENGLISH_MONTH.test(body)) {
                problems.push(`${width} px: an English month: ${body.match(ENGLISH_MONTH)![0]}`);
              }
            }
            for (const text of finder?.find(texts) ?? []) english.add(text);
          }
          if (target.name === "dashboard") {
            await page.setViewportSize({ width: 1280, height: 900 });
            await page.goto(`${web.url}/app`);
            await settled(page);
            const shown = await page.$$eval("[data-kpi]", (cards) =>
              Object.fromEntries(
                cards.map((card) => [
                  card.getAttribute("data-kpi"),
                  card.querySelector("[data-kpi-value]")?.textContent?.trim() ?? "",
                ]),
              ),
            );
            const expected = await engineCards(locale);
            for (const [slug, value] of Object.entries(expected)) {
              if (shown[slug] !== value) problems.push(`card ${slug} shows "${shown[slug]}", not "${value}"`);
            }
          }
          problems.push(...englishFindings(english));
          if (problems.length > 0) (report[locale] ??= {})[target.name] = problems;
          expect(problems).toEqual([]);
        });
      }
    });
  }
});
