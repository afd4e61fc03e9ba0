import { describe, expect, it } from "vitest";
import { translatorFor } from "~/i18n/catalog.server";
import { matchLocale } from "~/i18n/locales";

describe("translators", () => {
  it("choose the plural form of each language (CLDR rules)", () => {
    const orders = (locale: "en" | "pl" | "uk" | "el", count: number) =>
      translatorFor(locale).t("common.count.orders", { count });
    expect([1, 2, 5, 22, 25].map((n) => orders("pl", n))).toEqual([
      "1 zamówienie",
      "2 zamówienia",
      "5 zamówień",
      "22 zamówienia",
      "25 zamówień",
    ]);
    expect([1, 3, 11, 21].map((n) => orders("uk", n))).toEqual([
      "1 замовлення",
      "3 замовлення",
      "11 замовлень",
      "21 замовлення",
    ]);
    expect([1, 2].map((n) => orders("el", n))).toEqual(["1 παραγγελία", "2 παραγγελίες"]);
    expect([1, 1000].map((n) => orders("en", n))).toEqual(["1 order", "1,000 orders"]);
  });

  it("format numbers in the reader's locale", () => {
    // Intl separates with no-break spaces; compared as plain spaces.
    const pln = translatorFor("pl").intl.formatNumber(76109.3, { style: "currency", currency: "PLN" });
    expect(pln.replace(/\s/g, " ")).toBe("76 109,30 zł");
    expect(translatorFor("el").intl.formatNumber(1234.5)).toBe("1.234,5");
  });

  it("fill message tags with what the caller renders", () => {
    const parts = translatorFor("pl").rich("common.error.body", { link: (chunks) => `[${chunks.join("")}]` });
    expect(parts.join("")).toBe("Odśwież stronę albo wróć do [przeglądu kondycji sklepu].");
  });

  it("match Shopify's locale tags, and nothing the app does not speak", () => {
    expect(["pl-PL", "uk", "el-GR", "EN", "de", "", null, "en-XA"].map((tag) => matchLocale(tag))).toEqual([
      "pl",
      "uk",
      "el",
      "en",
      undefined,
      undefined,
      undefined,
      "en-XA",
    ]);
  });

  it("pseudo-localize as accented and longer, keeping placeholders working", () => {
    const text = translatorFor("en-XA").t("common.count.orders", { count: 3 });
    expect(text).toMatch(/^\[3 /);
    expect(text).not.toMatch(/[A-Za-z]/);
    expect(text.length).toBeGreaterThan("3 orders".length * 1.3);
  });
});
