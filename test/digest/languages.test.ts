/**
 * The digest in each of its languages: subject, HTML and plain text all in that language, numbers and
 * dates included, and the plural forms of Polish and Ukrainian right.
 */
import { describe, expect, it } from "vitest";
import type { DigestContent } from "~/digest/digest-content";
import { digestRows } from "~/digest/digest-content";
import { DIGEST_KPIS } from "~/digest/digest-kpis";
import { digestFormat } from "~/digest/format";
import { digestKpiName } from "~/digest/kpi-name";
import { renderDigest, type RenderedDigest } from "~/digest/render-digest.server";
import { chooseDigestLanguage } from "~/digest/shop-locale.server";
import { translatorFor } from "~/i18n/catalog.server";
import type { Language } from "~/i18n/locales";
import { sampleDigest as content } from "./support/sample-digest";

const UNSUBSCRIBE = "https://pulse.example/digest/unsubscribe?token=abc.def";

const render = (language: Language) => renderDigest(content(), digestFormat(language, "USD"), UNSUBSCRIBE);

/** What a reader sees of the HTML: no head, styles, tags or attributes (alt text kept), entities decoded. */
function visibleText(html: string): string {
  return html
    .replace(/<head>[\s\S]*?<\/head>/, " ")
    .replace(/<img[^>]*\balt="([^"]*)"[^>]*>/g, " $1 ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/&nbsp;/g, " ");
}

/**
 * Words of a reading that are allowed in any language: the brand, the shop's name, the currency, the
 * ISO week and the URLs, and the KPI names (the KPI catalogue's words, translated in namespace `kpi`).
 */
function withoutNeutralWords(text: string, language: Language): string {
  const i18n = translatorFor(language);
  let out = text.replace(/https?:\/\/\S+/g, " ");
  const names = DIGEST_KPIS.map((kpi) => digestKpiName(kpi, i18n)).sort((a, b) => b.length - a.length);
  for (const name of names) out = out.split(name).join(" ");
  return out.replace(/Pulse KPI|Shopify|Bright Socks|USD|2026-W47/g, " ");
}

const latinWords = (text: string) => new Set(text.match(/[A-Za-z]{2,}/g) ?? []);

describe("the digest in four languages", () => {
  it("keeps English as it was", async () => {
    const en = await render("en");
    expect(en.subject.replace(/\u2009/g, " ")).toBe(
      "Bright Socks weekly digest, Nov 16 – 22, 2026: total sales $12,959.97 (-8.3% vs last week)",
    );
    expect(en.text).toContain(
      "- Total sales fell 8.3% to $12,959.97 against the week before — worth a look.",
    );
    expect(en.text).toMatch(/^Bright Socks: your week in numbers\nNov 16\s–\s22, 2026 \(2026-W47\)\n/);
    expect(en.html).toMatch(/<html[^>]*\blang="en"/);
    expect(visibleText(en.html)).toContain("Open the dashboard in Shopify admin →");
  });

  it("writes the Polish example of the issue entirely in Polish", async () => {
    const pl = await render("pl");
    const text = pl.text.replace(/\u00a0|\u202f/g, " ");
    const sales = digestKpiName(
      DIGEST_KPIS.find((kpi) => kpi.key === "total_sales")!,
      translatorFor("pl"),
    );
    expect(text).toContain(
      `- ${sales}: spadek o 8,3% do 12 959,97 USD w porównaniu z poprzednim tygodniem — warto się temu przyjrzeć.`,
    );
    expect(pl.subject.replace(/\u00a0|\u202f/g, " ")).toBe(
      "Podsumowanie tygodnia sklepu Bright Socks, 16–22 lis 2026: łączna sprzedaż 12 959,97 USD (-8,3% wobec poprzedniego tygodnia)",
    );
  });

  it.each([
    ["pl", "lis", /12\s959,97\sUSD/],
    ["uk", "лист.", /12\s959,97\sUSD/],
    ["el", "Νοε", /12\.959,97\s\$/],
  ] as const)("renders %s: subject, HTML and text with no English words", async (language, month, money) => {
    const english = await render("en");
    const rendered: RenderedDigest = await render(language);
    const englishWords = new Set(
      [
        ...latinWords(
          withoutNeutralWords(`${english.subject} ${visibleText(english.html)} ${english.text}`, "en"),
        ),
      ]
        .map((w) => w.toLowerCase())
        // Words Polish shares with English letter for letter.
        .filter((w) => !["do", "od", "to", "no"].includes(w) || language !== "pl"),
    );
    for (const [part, body] of [
      ["subject", rendered.subject],
      ["html", visibleText(rendered.html)],
      ["text", rendered.text],
    ] as const) {
      const words = latinWords(withoutNeutralWords(body, language));
      const leftovers = [...words].filter((w) =>
        language === "pl" ? englishWords.has(w.toLowerCase()) : true,
      );
      expect({ part, leftovers }).toEqual({ part, leftovers: [] });
      expect(body).toMatch(money);
      expect(body).toContain(month);
    }
    expect(rendered.html).toMatch(new RegExp(`<html[^>]*\\blang="${language}"`));
    // The week's range comes from Intl in the language, never from English month names.
    expect(rendered.text).not.toMatch(/\b(Nov|November)\b/);
  });

  it("says steady weeks, and the usual range, in the language", async () => {
    const base = content();
    const quiet: DigestContent = {
      ...base,
      rows: digestRows(
        { current: new Map(), previous: new Map(), yearAgo: new Map(), history: new Map() },
        12,
        12,
        "q",
      ),
    };
    const pl = await renderDigest(quiet, digestFormat("pl", "USD"), null);
    expect(pl.text).toContain("Spokojny tydzień: żaden wskaźnik nie zmienił się o więcej niż 5%");
    const uk = await render("uk");
    expect(uk.text).toMatch(/вище звичайного діапазону від .* до .* \(за останні 12 тижнів\)\./);
    const el = await render("el");
    expect(el.text).toMatch(
      /πάνω από το συνηθισμένο εύρος των .* έως .* \(τις προηγούμενες 12 εβδομάδες\)\./,
    );
  });

  it("uses every Polish and Ukrainian plural form", () => {
    const forms = (language: Language) =>
      [1, 2, 5, 22].map((weeks) => translatorFor(language).t("digest.table.trend", { weeks }));
    expect(forms("pl")).toEqual([
      "ostatni tydzień",
      "ostatnie 2 tygodnie",
      "ostatnie 5 tygodni",
      "ostatnie 22 tygodnie",
    ]);
    expect(forms("uk")).toEqual([
      "останній 1 тиждень",
      "останні 2 тижні",
      "останні 5 тижнів",
      "останні 22 тижні",
    ]);
    expect(forms("el")).toEqual([
      "τελευταία εβδομάδα",
      "τελευταίες 2 εβδομάδες",
      "τελευταίες 5 εβδομάδες",
      "τελευταίες 22 εβδομάδες",
    ]);
  });

  it("chooses the digest's language: the setting, else the shop's primary locale, else English", () => {
    expect(chooseDigestLanguage(null, "pl")).toBe("pl");
    expect(chooseDigestLanguage(null, "uk-UA")).toBe("uk");
    expect(chooseDigestLanguage("el", "pl")).toBe("el");
    expect(chooseDigestLanguage(null, "pt-BR")).toBe("en");
    expect(chooseDigestLanguage("xx", null)).toBe("en");
    expect(chooseDigestLanguage(null, "en-XA")).toBe("en");
  });
});
