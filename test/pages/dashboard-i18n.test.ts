/**
 * The dashboard in Polish, Ukrainian and Greek: the loader's words (periods, chart names and ticks,
 * comparisons, notes, the retention/churn sentences, freshness, range errors, the import banner) carry
 * no English, plurals take each language's forms, and dates and money follow the locale. KPI names
 * and blank reasons come from the KPI catalogue's namespaces, not from the dashboard's, so they are
 * left out of the "no English" check.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { translatorFor } from "~/i18n/catalog.server";
import type { Language } from "~/i18n/locales";
import type { DashboardData } from "~/pages/dashboard.server";
import { importBanner } from "~/sync/status-format";
import { formatKpi } from "~/pages/kpi-format";
import { ageText, periodRangeText, pointLabel, pointTick } from "~/pages/period-labels";
import { retentionChurnSentence } from "~/pages/retention-churn";
import { DEFAULT_VIEW, customRangeError, rangeProblemText, resolveRange } from "~/pages/view-state";
import * as dashboard from "~/routes/app._index";
import type { ImportProgress, ResourceProgress } from "~/sync/status.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { seedShop } from "./support/seed-shop";
import { data, demoCookie, get, runLoader, useDemoEnvironment } from "./support/routes";

const SHOP = "slowa.myshopify.com";
const NOW = new Date("2026-11-20T15:00:00Z");
const FOREIGN = ["pl", "uk", "el"] as const;

/** Intl's spaces (no-break, narrow no-break, thin) as plain spaces, to compare with readable text. */
const plain = (text: string) => text.replace(/[\u00a0\u202f\u2009]/g, " ");

// English words the dashboard's own messages use; any of them in another language is a leftover. Month
// names and AM/PM are matched with their English case (Polish writes "mar 2026").
// Word edges are letters of any script: JavaScript's \b would cut Polish "było" after "by".
const ENGLISH_WORDS =
  /(?<!\p{L})(the|of|and|by|vs|with|previous|period|last|year|week|day|month|days|customers?|figures|so far|active|came back|retention|churn|just now|ago|minutes?|hours?|left|importing|Shopify is)(?!\p{L})/iu;
const ENGLISH_DATES = /(?<!\p{L})(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|AM|PM)(?!\p{L})/u;

/** The first English word in a text, with the text around it; null when there is none. */
function englishIn(text: string | null): string | null {
  if (!text) return null;
  const found = ENGLISH_WORDS.exec(text) ?? ENGLISH_DATES.exec(text);
  return found ? `"${found[0]}" in "${text}"` : null;
}

function dashboardWords(page: DashboardData, banner: { title: string; text: string }): string[] {
  const words: (string | null)[] = [
    page.periodText,
    page.rangeError,
    page.freshness.computedText,
    page.freshness.ageText,
    banner.title,
    banner.text,
  ];
  for (const comparison of page.comparisons) words.push(comparison.against, comparison.name);
  for (const card of page.cards) {
    const { chart } = card;
    // The note names the KPI (the catalogue's word): only the note's own words are checked.
    words.push(chart.note?.replace(card.title.toLocaleLowerCase(), "") ?? null);
    words.push(card.explanation, card.computedText, chart.currentName, chart.comparisonName);
    for (const point of chart.points) words.push(point.label, point.tick, point.comparisonLabel);
  }
  return words.filter((word): word is string => Boolean(word));
}

describe("the dashboard in four languages", () => {
  let database: TestDatabase;
  let cookie: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    useDemoEnvironment(database.url);
    await seedShop(database.prisma, { domain: SHOP, customers: 120, days: 420, now: NOW, seed: 11 });
    cookie = await demoCookie(SHOP);
  }, 240_000);
  afterAll(async () => {
    await globalThis.__pulseQueues?.close();
    globalThis.__pulseQueues = undefined;
    await (await import("~/db.server")).disconnectDb();
    await database?.drop();
  });

  const load = async (search: string) =>
    data(await runLoader(dashboard.loader, get(`/app${search}`, cookie)));

  it.each(FOREIGN)("%s: no English word in the dashboard's own strings", async (locale) => {
    for (const search of ["?range=last-30-days", "?range=last-quarter&granularity=week&compare=year"]) {
      const loaded = await load(`${search}&locale=${locale}`);
      const words = dashboardWords(loaded.dashboard, loaded.banner);
      expect(words.length).toBeGreaterThan(100);
      for (const word of words) expect(englishIn(word), `${locale} ${search}`).toBeNull();
      expect(loaded.pageTitle).toBe(`${translatorFor(locale).t("dashboard.title")} · Pulse KPI`);
      // The sentences on how retention and churn relate are there, in the language.
      const churn = loaded.dashboard.cards.find((card) => card.slug === "churn")!;
      expect(churn.explanation).toBeTruthy();
    }
    const bad = await load(`?range=custom&from=2023-01-01&to=2025-12-31&locale=${locale}`);
    expect(bad.dashboard.rangeError).toBeTruthy();
    expect(englishIn(bad.dashboard.rangeError)).toBeNull();
  });

  it("English reads as before", async () => {
    const english = await load("?range=last-30-days&locale=en");
    expect(english.pageTitle).toBe("Store health · Pulse KPI");
    expect(english.dashboard.comparisons.map((c) => c.against)).toEqual([
      "vs previous period",
      "vs last year",
    ]);
    expect(english.dashboard.freshness.computedText).toMatch(/^[A-Z][a-z]{2} \d+, 2026, \d+:\d\d\s[AP]M$/);
    expect(english.dashboard.periodText).toMatch(/^[A-Z][a-z]{2} \d+ – [A-Z][a-z]{2} \d+, 2026$/);
  });

  it("Polish dates and numbers: Polish months, day before month, and the dashboard's money in Polish", async () => {
    const loaded = await load("?range=last-quarter&granularity=week&locale=pl");
    const page = loaded.dashboard;
    // Last quarter as of Nov 20, 2026: Jul 1 – Sep 30.
    expect(plain(page.periodText)).toBe("1 lip – 30 wrz 2026");
    const weeks = page.cards[0]!.chart.points.map((point) => point.label);
    expect(weeks[0]).toBe("Tydzień od 29 cze");
    expect(plain(page.freshness.computedText!)).toMatch(/^\d{1,2} lis 2026, \d\d:\d\d$/);
    const pl = translatorFor("pl");
    expect(plain(formatKpi(1_295_997, "money", "USD", pl))).toBe("12 959,97 USD");
    expect(plain(formatKpi(7_610_930, "money", "PLN", pl))).toBe("76 109,30 zł");
  });

  it("period names in each language", () => {
    const [pl, uk, el] = FOREIGN.map((locale) => translatorFor(locale));
    expect(pointLabel("2026-W47", false, pl!)).toBe("Tydzień od 16 lis");
    expect(pointLabel("2026-11-23", true, pl!)).toBe("23 lis (w toku)");
    expect(pointLabel("2026-W47", false, uk!)).toBe("Тиждень з 16 лист.");
    expect(pointLabel("2026-03", false, uk!)).toBe("бер. 2026 р.");
    expect(pointLabel("2026-W47", false, el!)).toBe("Εβδομάδα από 16 Νοε");
    expect(pointTick("2026-03", el!)).toBe("Μαρ 2026");
    const period = resolveRange({ ...DEFAULT_VIEW, range: "last-month" }, "Europe/Warsaw", NOW).period;
    expect(plain(periodRangeText(period, uk!))).toBe("1 жовт. – 31 жовт. 2026 р.");
    expect(plain(periodRangeText(period, el!))).toBe("1 Οκτ – 31 Οκτ 2026");
    const now = new Date("2026-11-20T15:00:00Z");
    expect(ageText(new Date(now.getTime() - 5 * 60_000), now, pl!)).toBe("5 minut temu");
    expect(ageText(new Date(now.getTime() - 22 * 3_600_000), now, uk!)).toBe("22 години тому");
    expect(ageText(new Date(now.getTime() - 30_000), now, el!)).toBe("μόλις τώρα");
  });
});

describe("plural forms for 1, 2, 5 and 22", () => {
  const forms: Record<Exclude<Language, "en">, { customers: string[]; back: string[]; days: string[] }> = {
    pl: {
      customers: [
        "spośród 1 klienta aktywnego",
        "spośród 2 klientów aktywnych",
        "spośród 5 klientów aktywnych",
        "spośród 22 klientów aktywnych",
      ],
      back: [
        "1 klienta, który wrócił",
        "2 klientów, którzy wrócili",
        "5 klientów, którzy wrócili",
        "22 klientów, którzy wrócili",
      ],
      days: ["1 dzień", "2 dni", "5 dni", "22 dni"],
    },
    uk: {
      customers: [
        "із 1 клієнта, активного",
        "із 2 клієнтів, активних",
        "із 5 клієнтів, активних",
        "із 22 клієнтів, активних",
      ],
      back: [
        "1 клієнта, який повернувся",
        "2 клієнтів, які повернулися",
        "5 клієнтів, які повернулися",
        "22 клієнтів, які повернулися",
      ],
      days: ["1 день", "2 дні", "5 днів", "22 дні"],
    },
    el: {
      customers: [
        "από τον 1 πελάτη που ήταν ενεργός",
        "από τους 2 πελάτες που ήταν ενεργοί",
        "από τους 5 πελάτες που ήταν ενεργοί",
        "από τους 22 πελάτες που ήταν ενεργοί",
      ],
      back: [
        "τον 1 πελάτη που επέστρεψε",
        "τους 2 πελάτες που επέστρεψαν",
        "τους 5 πελάτες που επέστρεψαν",
        "τους 22 πελάτες που επέστρεψαν",
      ],
      days: ["1 ημέρα", "2 ημέρες", "5 ημέρες", "22 ημέρες"],
    },
  };

  it.each(FOREIGN)("%s: customers in the retention and churn sentence, days in a range", (locale) => {
    const i18n = translatorFor(locale);
    [1, 2, 5, 22].forEach((n, i) => {
      // n active at the start, all of them still active, and n more came back.
      const sentence = retentionChurnSentence(
        "churn_rate",
        { activeAtStart: n, retained: n, reactivated: n },
        i18n,
      )!;
      expect(plain(sentence)).toContain(forms[locale].customers[i]);
      expect(plain(sentence)).toContain(forms[locale].back[i]);
      expect(englishIn(sentence)).toBeNull();
      const days = i18n.t("period.error.tooLong", { days: n, max: 731 });
      expect(plain(days)).toContain(forms[locale].days[i]);
    });
  });

  it("English keeps one and other", () => {
    const en = translatorFor("en");
    expect(
      retentionChurnSentence("retention_rate", { activeAtStart: 1, retained: 1, reactivated: 1 }, en),
    ).toContain("of the 1 customer active at the start are still active, and 1 customer who had lapsed");
  });
});

describe("range problems and the import banner, worded per language", () => {
  const today = { year: 2026, month: 11, day: 20 };
  const resource = (over: Partial<ResourceProgress> & Pick<ResourceProgress, "resource">) =>
    ({
      status: "completed",
      bulkStatus: "COMPLETED",
      rowsDone: 100,
      objectCount: 120,
      percent: 100,
      etaSeconds: null,
      attempts: 1,
      error: null,
      finishedAt: null,
      ...over,
    }) as ResourceProgress;
  const progress = (over: Partial<ImportProgress>): ImportProgress => ({
    phase: "completed",
    percent: 100,
    etaSeconds: null,
    resources: [resource({ resource: "orders" })],
    ...over,
  });

  it.each(FOREIGN)("%s", (locale) => {
    const i18n = translatorFor(locale);
    for (const [from, to] of [
      ["", ""],
      ["2026-02-30", "2026-03-01"],
      ["2026-11-10", ""],
      ["2026-11-10", "2026-11-01"],
      ["2026-11-21", "2026-11-22"],
      ["2026-11-01", "2026-11-22"],
      ["2024-01-01", "2026-11-01"],
    ] as const) {
      const problem = customRangeError(from, to, today);
      expect(problem, `${from}–${to}`).not.toBeNull();
      expect(englishIn(rangeProblemText(problem!, i18n))).toBeNull();
    }
    const banners = [
      importBanner(progress({ phase: "importing", percent: 42, etaSeconds: 300 }), true, 1, i18n),
      importBanner(progress({ phase: "exporting", percent: 3 }), true, 1, i18n),
      importBanner(progress({ phase: "retrying", percent: 3 }), true, 1, i18n),
      importBanner(progress({}), false, 1, i18n),
      importBanner(
        progress({
          phase: "completed-with-errors",
          resources: [resource({ resource: "checkouts", status: "failed", error: "boom" })],
        }),
        true,
        1,
        i18n,
      ),
    ];
    expect(banners.map((b) => b.kind)).toEqual(["running", "running", "running", "computing", "failed"]);
    for (const banner of banners.slice(0, 4)) {
      expect(englishIn(banner.title)).toBeNull();
      expect(englishIn(banner.text)).toBeNull();
    }
    expect(banners[0]!.title).toContain("42");
    // The failed part's problem is the sync page's sentence (app/sync/plain-words.ts); the rest is ours.
    expect(englishIn(banners[4]!.title)).toBeNull();
  });

  it("English banner words are the ones the Data page shows", () => {
    const en = translatorFor("en");
    const banner = importBanner(progress({ phase: "importing", percent: 42, etaSeconds: 300 }), true, 1, en);
    expect(banner.title).toBe("Importing your store's history: 42%");
    expect(banner.text).toBe("Figures are incomplete until the import finishes (about 5 min left).");
  });
});
