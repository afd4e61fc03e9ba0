import polarisEn from "@shopify/polaris/locales/en.json";
import { describe, expect, it } from "vitest";
import { PSEUDO_LOCALE } from "~/i18n/locales";
import polarisEl from "~/i18n/polaris/el.json";
import polarisUk from "~/i18n/polaris/uk.json";
import { polarisTranslationsOf } from "~/i18n/polaris.server";

const TABLE_SCROLL = "Polaris.DataTable.navAccessibilityLabel";

/** Every string of a Polaris translation tree under its dotted path. */
function flatten(tree: unknown, prefix = "", flat: Record<string, string> = {}): Record<string, string> {
  for (const [key, value] of Object.entries(tree as Record<string, unknown>)) {
    if (typeof value === "string") flat[`${prefix}${key}`] = value;
    else flatten(value, `${prefix}${key}.`, flat);
  }
  return flat;
}

/** Polaris's placeholders ("{count}"), sorted: Polaris throws when one it is given a value for is renamed. */
const placeholders = (text: string) => (text.match(/\{[^}]*\}/g) ?? []).sort();

const english = flatten(polarisEn);
const CODE_NAMES = new Set(["Modal", "progress"]);

describe("Polaris strings the app supplies", () => {
  it.each([
    ["uk", polarisUk],
    ["el", polarisEl],
  ])("%s has exactly Polaris's English keys and placeholders, each translated", (language, tree) => {
    const translated = flatten(tree);
    expect(Object.keys(translated).sort(), language).toEqual(Object.keys(english).sort());
    const problems: string[] = [];
    for (const [key, text] of Object.entries(english)) {
      const translation = translated[key] ?? "";
      if (placeholders(translation).join() !== placeholders(text).join()) {
        problems.push(`${key}: ${translation} has not the placeholders of ${text}`);
      }
      // No Latin word outside placeholders, but for code names in Polaris's warnings to developers.
      const words = translation.replace(/\{[^}]*\}/g, "").match(/[A-Za-z]{2,}/g) ?? [];
      if (words.some((word) => !CODE_NAMES.has(word)))
        problems.push(`${key}: English left in ${translation}`);
    }
    expect(problems).toEqual([]);
  });

  it("serves uk and el their own strings, and pl Polaris's", () => {
    expect(polarisTranslationsOf("uk").Polaris.Pagination.next).toBe("Далі");
    expect(polarisTranslationsOf("el").Polaris.Pagination.next).toBe("Επόμενη");
    expect(polarisTranslationsOf("pl").Polaris.Pagination.next).toBe("Dalej");
    expect(polarisTranslationsOf("en").Polaris.Pagination.next).toBe("Next");
  });

  it("leaves out of the table scroll label the direction Polaris would fill in English", () => {
    for (const locale of ["pl", "uk", "el", PSEUDO_LOCALE] as const) {
      const label = polarisTranslationsOf(locale).Polaris.DataTable.navAccessibilityLabel;
      expect(label, locale).not.toContain("{direction}");
      expect(label, locale).not.toMatch(locale === "pl" ? /left|right/ : /[A-Za-z]/);
    }
    expect(polarisTranslationsOf("en").Polaris.DataTable.navAccessibilityLabel).toContain("{direction}");
  });

  it("pseudo-localizes every English string: placeholders kept, no plain ASCII letter outside them", () => {
    const pseudo = flatten(polarisTranslationsOf(PSEUDO_LOCALE));
    expect(Object.keys(pseudo).sort()).toEqual(Object.keys(english).sort());
    const problems: string[] = [];
    for (const [key, text] of Object.entries(english)) {
      const shown = pseudo[key]!;
      // The one label whose placeholder Polaris fills with English words is served without it.
      const expected = key === TABLE_SCROLL ? [] : placeholders(text);
      if (placeholders(shown).join() !== expected.join()) problems.push(`${key}: ${shown}`);
      if (/[A-Za-z]/.test(shown.replace(/\{[^}]*\}/g, ""))) problems.push(`${key}: ASCII left in ${shown}`);
      if (!shown.startsWith("[") || !shown.endsWith("]")) problems.push(`${key}: not bracketed: ${shown}`);
    }
    expect(problems).toEqual([]);
  });
});
