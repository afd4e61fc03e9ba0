/**
 * The KPI words in every language: the catalogue has a title, description and formula for every KPI in
 * en, pl, uk and el, and the blank reasons read in the reader's language with its plural forms.
 */
import { describe, expect, it } from "vitest";
import { messagesOf, translatorFor } from "~/i18n/catalog.server";
import { LANGUAGES, type Language } from "~/i18n/locales";
import type { BlankInput, BlankValue, ShopHistory } from "~/kpi/blank-reason";
import { blankReason, notAdditiveReason, rateBase } from "~/kpi/blank-reason";
import { parsePeriod } from "~/kpi/calendar/parse-period";
import type { KpiId } from "~/kpi/catalog";
import { KPI_CATALOG, KPI_IDS, kpiLabel } from "~/kpi/catalog";
import { missingSpendReason } from "~/kpi/spend-reason";
import { kpiEntries } from "~/pages/kpi-catalog";

const ZONE = "Europe/Warsaw";
const NOW = new Date("2027-06-01T12:00:00Z");
const HISTORY: ShopHistory = {
  timeZone: ZONE,
  installedAt: new Date("2026-11-03T15:00:00Z"),
  firstOrderAt: new Date("2026-03-05T17:00:00Z"),
  firstCheckoutAt: new Date("2026-10-20T12:00:00Z"),
  firstCartAt: null,
  activityWindowDays: 180,
  graceMinutes: 10,
  grossMarginSet: false,
};
const NONE: BlankValue = { value: null, numerator: 0, denominator: 0 };
const amount = (value: number | null): BlankValue => ({ value, numerator: null, denominator: null });
const ratio = (n: number, d: number): BlankValue => ({ value: n / d, numerator: n, denominator: d });

function input(kpi: KpiId, label: string, result: BlankValue | null = NONE, context = {}): BlankInput {
  const { start, end } = parsePeriod(label, ZONE, NOW);
  return { kpi, start, end, result, context: new Map(Object.entries(context)) };
}

/** One input per cause a blank can have, with the shop history that gives it. */
const CAUSES: ReadonlyArray<readonly [BlankInput, ShopHistory?]> = [
  [{ ...input("retention_rate", "2026-12", null), freeRange: true }],
  [input("orders", "2026-02", null)],
  [{ ...input("orders", "2026-02", null), comparison: true }],
  [input("total_sales", "2026-12", null), { ...HISTORY, firstOrderAt: null }],
  [input("orders", "2026-12", null)],
  [input("cart_abandonment_rate", "2026-10")],
  [{ ...input("cart_abandonment_rate", "2026-10"), comparison: true }],
  [input("checkout_abandonment_rate", "2026-10-19")],
  [input("cart_abandonment_rate", "2026-11", NONE, { cart_created: amount(0) })],
  [input("checkout_abandonment_rate", "2026-12", NONE, { checkout_created: amount(0) })],
  [input("checkout_abandonment_rate", "2027-05-31", NONE, { checkout_created: amount(3) })],
  [input("cart_abandonment_rate", "2027-05-31", NONE, { cart_created: amount(1) })],
  [input("formula_clv", "2026-12", amount(null))],
  [input("formula_clv", "2027-03-05", amount(null))],
  [
    input("formula_clv", "2027-04", amount(null), {
      annual_churn_rate: { value: 0, numerator: 0, denominator: 9 },
    }),
  ],
  [input("formula_clv", "2027-04", amount(null), { annual_churn_rate: NONE })],
  [input("retention_rate", "2026-03")],
  [{ ...input("retention_rate", "2026-03"), comparison: true }],
  [input("churn_rate", "2026-12")],
  [input("cac", "2026-12", amount(null))],
  [input("cac", "2026-12", { value: null, numerator: 50_000, denominator: 0 })],
  [input("roas", "2026-12", { value: null, numerator: 90_000, denominator: 0 })],
  [input("ltv_to_cac", "2026-12", amount(null))],
  [input("sales_growth", "2026-12", amount(null))],
  [input("returning_customer_rate", "2026-12", NONE, { orders: amount(4) })],
  [input("gross_profit", "2026-12", amount(null))],
  [input("gross_profit", "2026-12", amount(null)), { ...HISTORY, grossMarginSet: true }],
];

/** Words of the English blank reasons and KPI names that have no place in another language's text. */
const ENGLISH_WORDS = new Set(
  Object.entries(messagesOf("en"))
    .filter(([id]) => id.startsWith("blanks.") || id.startsWith("kpi."))
    .flatMap(([, message]) => message.replace(/\{[^{}]*\}/g, " ").match(/\p{L}+/gu) ?? [])
    .map((word) => word.toLowerCase())
    .filter((word) => word.length >= 4),
);
// Brand and acronym names stay as they are in every language.
for (const name of ["pulse", "shopify", "roas", "email"]) ENGLISH_WORDS.delete(name);

/** Words Polish spells as English does ("plus", "minus", "marketing", "token"). */
const POLISH_TOO = new Set(["plus", "minus", "marketing", "token"]);

const englishIn = (text: string) =>
  (text.match(/\p{L}+/gu) ?? []).filter(
    (word) => ENGLISH_WORDS.has(word.toLowerCase()) && !POLISH_TOO.has(word.toLowerCase()),
  );

const OTHERS = LANGUAGES.filter((language): language is Exclude<Language, "en"> => language !== "en");

describe("the kpi namespace", () => {
  it.each(LANGUAGES)("%s: every KPI has a title, a description and a formula", (language) => {
    const i18n = translatorFor(language);
    const english = translatorFor("en");
    for (const id of KPI_IDS) {
      const { title, description, formula } = KPI_CATALOG[id];
      for (const key of [title, description, formula]) {
        const text = kpiLabel(key, i18n);
        expect(text.trim().length, `${language} ${key}`).toBeGreaterThan(0);
        // Translated, not copied: only names such as "LTV:CAC" read the same as in English.
        if (language !== "en" && !/^[A-Z:]+$/.test(text))
          expect(text, `${language} ${key}`).not.toBe(kpiLabel(key, english));
      }
    }
  });

  it.each(OTHERS)("%s: the KPI pages' words have no English in them", (language) => {
    for (const margin of [false, true])
      for (const entry of kpiEntries(translatorFor(language), margin)) {
        const texts = [
          entry.title,
          entry.summary,
          entry.formula,
          entry.numerator?.label ?? "",
          entry.denominator?.label ?? "",
          ...(entry.parts ?? []).map((part) => part.label),
          ...(entry.differsFromShopify ?? []),
        ];
        for (const text of texts) expect(englishIn(text), `${language} ${entry.kpi}: ${text}`).toEqual([]);
      }
  });

  it("keeps the English names and uses Shopify's admin terms", () => {
    const title = (language: Language, kpi: KpiId) =>
      kpiLabel(KPI_CATALOG[kpi].title, translatorFor(language));
    expect(title("en", "net_sales")).toBe("Net sales");
    expect(title("pl", "gross_sales")).toBe("Sprzedaż brutto");
    expect(title("pl", "total_sales")).toBe("Łączna sprzedaż");
    expect(title("pl", "aov")).toBe("Średnia wartość zamówienia");
    expect(title("uk", "net_sales")).toBe("Чисті продажі");
    expect(title("uk", "aov")).toBe("Середня вартість замовлення");
    expect(title("el", "net_sales")).toBe("Καθαρές πωλήσεις");
    expect(title("el", "aov")).toBe("Μέση αξία παραγγελίας");
    // One name everywhere: the page entry and the catalogue agree.
    for (const language of LANGUAGES)
      for (const entry of kpiEntries(translatorFor(language)))
        expect(entry.title).toBe(title(language, entry.kpi));
  });
});

describe("blank reasons", () => {
  it.each(OTHERS)("%s: every cause reads with no English word", (language) => {
    const i18n = translatorFor(language);
    for (const [cause, history] of CAUSES) {
      const text = blankReason(cause, history ?? HISTORY, i18n);
      expect(text, `${language} ${cause.kpi}`).toBeTruthy();
      expect(englishIn(text!), `${language}: ${text}`).toEqual([]);
    }
    expect(englishIn(notAdditiveReason(i18n))).toEqual([]);
    const december = parsePeriod("2026-12", ZONE, NOW);
    for (const kpi of ["cac", "ltv_to_cac"]) {
      const text = missingSpendReason(kpi, december, { "2026-11": 100 }, ZONE, i18n)!;
      expect(englishIn(text), `${language}: ${text}`).toEqual([]);
    }
  });

  it("dates a blank in the reader's language", () => {
    const before = (language: Language) =>
      blankReason(input("orders", "2026-02", null), HISTORY, translatorFor(language));
    expect(before("en")).toBe(
      "Before your store's first order on Mar 5, 2026. Choose a period from that day on.",
    );
    expect(before("pl")).toBe(
      "Przed pierwszym zamówieniem w Twoim sklepie (5 mar 2026). Wybierz okres od tego dnia.",
    );
    expect(before("uk")).toContain("5 бер. 2026");
    expect(before("el")).toContain("5 Μαρ 2026");
  });

  const undecided = (language: Language, kind: "cart" | "checkout", count: number) =>
    blankReason(
      input(`${kind}_abandonment_rate`, "2027-05-31", NONE, { [`${kind}_created`]: amount(count) }),
      HISTORY,
      translatorFor(language),
    );

  it.each([
    [1, "1 koszyk z tego okresu ma mniej niż 10 minut: zostanie policzony"],
    [2, "2 koszyki z tego okresu mają mniej niż 10 minut: zostaną policzone"],
    [5, "5 koszyków z tego okresu ma mniej niż 10 minut: zostaną policzone"],
    [22, "22 koszyki z tego okresu mają mniej niż 10 minut: zostaną policzone"],
  ])("pl: %i undecided carts", (count, want) => {
    expect(undecided("pl", "cart", count)).toContain(want);
  });

  it.each([
    [1, "1 кошик цього періоду молодший за 10 хвилин: його"],
    [2, "2 кошики цього періоду молодші за 10 хвилин: їх"],
    [5, "5 кошиків цього періоду молодші за 10 хвилин: їх"],
    [22, "22 кошики цього періоду молодші за 10 хвилин: їх"],
  ])("uk: %i undecided carts", (count, want) => {
    expect(undecided("uk", "cart", count)).toContain(want);
  });

  it.each([
    [1, "1 ολοκλήρωση αγοράς αυτής της περιόδου είναι νεότερη"],
    [2, "2 ολοκληρώσεις αγοράς αυτής της περιόδου είναι νεότερες"],
    [5, "5 ολοκληρώσεις αγοράς"],
    [22, "22 ολοκληρώσεις αγοράς"],
  ])("el: %i undecided checkouts", (count, want) => {
    expect(undecided("el", "checkout", count)).toContain(want);
  });

  it("pluralises the activity window's days and a rate's base", () => {
    const window = (language: Language, days: number) =>
      blankReason(
        input("churn_rate", "2026-12"),
        { ...HISTORY, activityWindowDays: days },
        translatorFor(language),
      );
    expect([1, 2, 5, 22].map((days) => window("pl", days))).toEqual(
      ["1 dnia", "2 dni", "5 dni", "22 dni"].map((days) => expect.stringContaining(`w ciągu ${days} przed`)),
    );
    expect([1, 2, 5, 22].map((days) => window("uk", days))).toEqual(
      ["1 дня", "2 днів", "5 днів", "22 днів"].map((days) => expect.stringContaining(`протягом ${days} до`)),
    );
    const base = (language: Language, d: number) =>
      rateBase("cart_abandonment_rate", ratio(1, d), translatorFor(language));
    expect([1, 2, 5, 22].map((d) => base("pl", d))).toEqual([
      "Porzucone: 1 z 1 koszyka",
      "Porzucone: 1 z 2 koszyków",
      "Porzucone: 1 z 5 koszyków",
      "Porzucone: 1 z 22 koszyków",
    ]);
    expect([1, 2, 5, 22].map((d) => base("uk", d))).toEqual([
      "Покинуто: 1 з 1 кошика",
      "Покинуто: 1 з 2 кошиків",
      "Покинуто: 1 з 5 кошиків",
      "Покинуто: 1 з 22 кошиків",
    ]);
    expect([1, 2].map((d) => base("el", d))).toEqual([
      "Εγκαταλείφθηκαν: 1 από 1 καλάθι",
      "Εγκαταλείφθηκαν: 1 από 2 καλάθια",
    ]);
    expect(base("en", 41)).toBe("1 of 41 carts abandoned");
    // Numbers in the reader's format.
    expect(rateBase("churn_rate", ratio(1234, 5678), translatorFor("pl"))).toContain("1234 z 5678 klientów");
  });

  it("counts the months of spend still missing in the reader's plural", () => {
    const year = parsePeriod("2026-11", ZONE, NOW);
    const more = (language: Language) =>
      missingSpendReason("ltv_to_cac", year, {}, ZONE, translatorFor(language));
    expect(more("en")).toBe(
      "Enter marketing spend in settings for every month of the last 365 days (missing: Dec 2025, Jan 2026, 10 more).",
    );
    expect(more("pl")).toContain("jeszcze 10 miesięcy");
    expect(more("uk")).toContain("ще 10 місяців");
    expect(more("el")).toContain("ακόμη 10 μήνες");
  });
});
