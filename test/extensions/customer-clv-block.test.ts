/**
 * The customer page's admin block (extensions/customer-clv-block): rendered for each state it can be
 * in, its loader turning the route's answers into those states, its configuration, and its offline build.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { h } from "preact";
import { renderToString } from "preact-render-to-string";
import { describe, expect, it } from "vitest";
import type { CustomerClvCard } from "~/pages/customer-clv-card.server";
import { API_VERSION } from "~/shopify.server";
import { CUSTOMER_SEGMENTS } from "~/clv/customer-segment";
import { translatorFor } from "~/i18n/catalog.server";
import { segmentInfo } from "~/pages/customer-segments";
import { CustomerClvView, type BlockI18n } from "../../extensions/customer-clv-block/src/CustomerClvView";
import { loadCustomerClv, type BlockState } from "../../extensions/customer-clv-block/src/load-customer-clv";
import { buildExtensions, EXTENSION_SIZE_LIMIT_BYTES } from "../../scripts/build-extensions";

const EXTENSION = path.resolve(import.meta.dirname, "../../extensions/customer-clv-block");

const card: CustomerClvCard = {
  customerId: "3000042",
  segment: { key: "at-risk", label: "At risk", tone: "warning", rule: "Repeat customers whose chance fell." },
  chanceActivePct: 37,
  expectedOrders: 0.84,
  horizonDays: 365,
  predictedValue: { amount: 61.2, formatted: "$61.20" },
  spendToDate: { amount: 412.5, formatted: "$412.50" },
  currency: "USD",
  appPath: "/app/customers?segment=at-risk",
  fittedAt: "2026-11-20T03:30:00.000Z",
};

/** Shopify's locale file of a language in the block's folder (English is the default one). */
const localeFile = (language: string) =>
  JSON.parse(
    fs.readFileSync(
      path.join(EXTENSION, "locales", language === "en" ? "en.default.json" : `${language}.json`),
      "utf8",
    ),
  ) as Record<string, unknown>;

/**
 * The extension API's i18n as Shopify documents it, over the block's own locale files: nested keys,
 * `{{name}}` replacements, `count` choosing the language's CLDR plural branch, Intl for numbers.
 */
function blockI18n(language: string): BlockI18n {
  const messages = localeFile(language);
  const translate = (key: string, options: Record<string, string | number> = {}) => {
    let node: unknown = key
      .split(".")
      .reduce<unknown>((at, part) => (at as Record<string, unknown>)?.[part], messages);
    if (node && typeof node === "object" && typeof options.count === "number")
      node = (node as Record<string, string>)[new Intl.PluralRules(language).select(options.count)];
    if (typeof node !== "string") throw new Error(`${language}: no message ${key}`);
    return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(options[name]));
  };
  return {
    translate: translate as BlockI18n["translate"],
    formatNumber: (n, options) => new Intl.NumberFormat(language, options).format(n),
    formatCurrency: (n, options) =>
      new Intl.NumberFormat(language, { ...options, style: "currency" }).format(n),
  };
}

const view = (state: BlockState, language = "en") =>
  renderToString(h(CustomerClvView, { state, i18n: blockI18n(language) }));
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

describe("customer CLV admin block", () => {
  it("shows the segment, chance, expected orders, predicted value, spend and a link to the app", () => {
    const html = view({ kind: "ready", card });
    expect(html).toMatch(/^<s-admin-block heading="Customer lifetime value"/);
    expect(html).toMatch(/<s-badge tone="warning">At risk<\/s-badge>/);
    expect(html).toContain("Chance still active: 37%");
    expect(html).toContain("Expected orders (next 12 months): 0.8");
    expect(html).toContain("Predicted value (next 12 months): $61.20");
    expect(html).toContain("Spent to date: $412.50");
    expect(html).toMatch(/<s-link href="app:\/app\/customers\?segment=at-risk">/);
    expect(html).toContain("At risk · $61.20");
  });

  it("shows a spinner while loading, and the reason when there is nothing to show", () => {
    expect(view({ kind: "loading" })).toContain("<s-spinner");
    const missing = view({ kind: "missing" });
    expect(missing).toContain("No prediction for this customer yet");
    expect(missing).not.toContain("<s-badge");
  });

  it("renders in Polish from its locale file: words, plurals, numbers and money", () => {
    const html = view({ kind: "ready", card: { ...card, horizonDays: 22, currency: "PLN" } }, "pl");
    expect(html).toMatch(/^<s-admin-block heading="Wartość życiowa klienta"/);
    expect(html).toMatch(/<s-badge tone="warning">Zagrożeni<\/s-badge>/);
    expect(html).toContain("Szansa na aktywność: 37%");
    expect(html).toContain("Spodziewane zamówienia (najbliższe 22 dni): 0,8");
    expect(html.replace(/\s/g, " ")).toContain("Prognozowana wartość (najbliższe 22 dni): 61,20 zł");
    expect(html.replace(/\s/g, " ")).toContain("Wydatki do dziś: 412,50 zł");
    expect(view({ kind: "ready", card: { ...card, horizonDays: 5 } }, "pl")).toContain("najbliższe 5 dni");
    expect(view({ kind: "ready", card: { ...card, horizonDays: 1 } }, "pl")).toContain("najbliższy 1 dzień");
    expect(view({ kind: "missing" }, "pl")).toContain("Brak jeszcze prognozy");
    const text = html.replace(/<[^>]+>/g, " ");
    expect(text).not.toMatch(/\b(Chance|Expected|Predicted|Spent|customers|value|orders|next)\b/);
  });

  it("has every key in each language, and the app's segment names and rules", () => {
    const keys = (node: unknown, prefix = ""): string[] =>
      Object.entries(node as Record<string, unknown>).flatMap(([key, value]) =>
        typeof value === "object" && !["one", "other"].some((c) => c in (value as object))
          ? keys(value, `${prefix}${key}.`)
          : [`${prefix}${key}`],
      );
    const english = keys(localeFile("en")).sort();
    for (const language of ["en", "pl", "uk", "el"] as const) {
      expect(keys(localeFile(language)).sort(), language).toEqual(english);
      const i18n = translatorFor(language);
      for (const segment of CUSTOMER_SEGMENTS) {
        const info = segmentInfo(segment, i18n);
        expect(blockI18n(language).translate(`segment.${segment}.name`), language).toBe(info.label);
        expect(blockI18n(language).translate(`segment.${segment}.rule`), language).toBe(info.rule);
      }
      for (const count of [1, 2, 5, 22])
        expect(blockI18n(language).translate("horizonDays", { count }), `${language} ${count}`).toMatch(
          new RegExp(`\\b${count}\\b`),
        );
    }
  });

  it("asks the app's route for the customer on screen and turns its answer into a state", async () => {
    const asked: string[] = [];
    const answer = (response: Response | Error) => async (url: string) => {
      asked.push(url);
      if (response instanceof Error) throw response;
      return response;
    };
    await expect(loadCustomerClv(answer(json(200, card)), "gid://shopify/Customer/3000042")).resolves.toEqual(
      {
        kind: "ready",
        card,
      },
    );
    expect(asked).toEqual(["/api/customer-clv/3000042"]);
    await expect(
      loadCustomerClv(answer(json(404, { error: "Not yet." })), "gid://shopify/Customer/1"),
    ).resolves.toEqual({ kind: "missing" });
    await expect(loadCustomerClv(answer(json(401, {})), "gid://shopify/Customer/1")).resolves.toMatchObject({
      kind: "error",
    });
    await expect(
      loadCustomerClv(answer(new TypeError("network")), "gid://shopify/Customer/1"),
    ).resolves.toMatchObject({ kind: "error" });
    asked.length = 0;
    await expect(loadCustomerClv(answer(json(200, card)), "gid://shopify/Order/1")).resolves.toMatchObject({
      kind: "error",
    });
    expect(asked).toEqual([]);
  });

  it("targets the customer details block with the app's API version", () => {
    const toml = fs.readFileSync(path.join(EXTENSION, "shopify.extension.toml"), "utf8");
    expect(toml).toMatch(new RegExp(`^api_version = "${API_VERSION}"$`, "m"));
    expect(toml).toMatch(/^\s*target = "admin\.customer-details\.block\.render"$/m);
    expect(toml).toMatch(/^\s*handle = "customer-clv-block"$/m);
    const module = /^\s*module = "([^"]+)"$/m.exec(toml)?.[1];
    expect(fs.existsSync(path.join(EXTENSION, module!))).toBe(true);
  });

  it("builds offline into one script under Shopify's size limit, without React", async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "extension-build-"));
    try {
      const built = await buildExtensions(() => out);
      const block = built.find((b) => b.name === "customer-clv-block");
      expect(block).toBeDefined();
      expect(block!.bytes).toBeGreaterThan(1_000);
      expect(block!.bytes).toBeLessThan(EXTENSION_SIZE_LIMIT_BYTES);
      const code = fs.readFileSync(block!.outfile, "utf8");
      expect(code).toContain("/api/customer-clv/");
      expect(code).not.toMatch(/react-dom|__SECRET_INTERNALS/);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});
