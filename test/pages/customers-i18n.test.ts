/**
 * The Customers page, its segments and the CLV story in Polish, Ukrainian and Greek: no English word left
 * in what the loader sends or the story says, row sentences with the right plural forms, and English
 * unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runClvModel } from "~/clv/clv-model.server";
import { messagesOf, translatorFor } from "~/i18n/catalog.server";
import type { Language } from "~/i18n/locales";
import type { ClvStoryInput } from "~/pages/clv-story";
import { clvStory } from "~/pages/clv-story";
import { CUSTOMER_SORTS } from "~/pages/customer-query";
import { rowSummary } from "~/pages/customer-row";
import { largeSegmentNote, nextOrderText, segmentInfos } from "~/pages/customer-segments";
import * as customersRoute from "~/routes/app.customers";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { seedShop, type SeededShop } from "./support/seed-shop";
import { data, demoCookie, get, runLoader, useDemoEnvironment } from "./support/routes";

const OTHERS = ["pl", "uk", "el"] as const;

/**
 * Words that are the same in the other language, or names: CLV, AOV, brand and model names; "email" is
 * how Shopify's Greek admin writes it.
 */
const SHARED = new Set([
  "segment",
  "model",
  "pulse",
  "kpi",
  "shopify",
  "clv",
  "aov",
  "csv",
  "gamma",
  "email",
]);

/** A message's words without its placeholders' names and ICU keywords. */
const wordsOf = (message: string) =>
  message.replace(/\{\s*\w+\s*(?=[,}])|<\/?\w+>|\b(plural|select|number|one|few|many|other|yes)\b/g, " ");

/** Every English word (3+ letters) of this area's English messages. */
const ENGLISH_WORDS = new Set(
  Object.entries(messagesOf("en"))
    .filter(([id]) => /^(customers|segments|clvStory)\./.test(id))
    .flatMap(([, message]) => message.replace(/\{[^{}]*\}|<\/?\w+>/g, " ").match(/[A-Za-z]{3,}/g) ?? [])
    .map((word) => word.toLowerCase())
    .filter((word) => !SHARED.has(word) && !["one", "other", "plural", "number", "select"].includes(word)),
);

/** The English words of a text, if any. */
const englishIn = (text: string) =>
  // Whole words of any script: Polish "nową" is not English "now".
  (text.match(/\p{L}{3,}/gu) ?? []).filter((word) => ENGLISH_WORDS.has(word.toLowerCase()));

const row = (orders: number) => ({
  orders,
  lastOrderDay: "2026-03-03",
  pAlive: 0.42,
  segment: "active" as const,
  expectedOrders: 4,
});

const storyInput = (marginPct: number | null): ClvStoryInput => ({
  marginPct,
  historical: { value: 12_000, blank: null },
  formula: { value: null, blank: null },
  predictive: { value: null, blank: null, horizonDays: 365, fitMargin: 0.3 },
});

describe("customers page words in four languages", () => {
  it("English rows read as before", () => {
    expect(rowSummary(row(3), 365, "USD", translatorFor("en"))).toBe(
      "3 orders · last Mar 3, 2026 · 42.0% still active · next order in about 3 months",
    );
    expect(rowSummary(row(1), 365, "USD", translatorFor("en"))).toMatch(/^1 order · /);
  });

  it.each([
    ["pl", ["1 zamówienie", "2 zamówienia", "5 zamówień", "22 zamówienia"]],
    ["uk", ["1 замовлення", "2 замовлення", "5 замовлень", "22 замовлення"]],
    ["el", ["1 παραγγελία", "2 παραγγελίες", "5 παραγγελίες", "22 παραγγελίες"]],
  ] as const)("%s rows pluralise orders for 1, 2, 5 and 22", (language, expected) => {
    const i18n = translatorFor(language);
    [1, 2, 5, 22].forEach((count, i) => {
      const text = rowSummary(row(count), 365, "PLN", i18n);
      expect(text.startsWith(`${expected[i]} · `), text).toBe(true);
      expect(englishIn(text), text).toEqual([]);
    });
  });

  it.each([
    ["pl", ["za ok. 1 dzień", "za ok. 2 dni", "za ok. 5 dni", "za ok. 22 dni"]],
    [
      "uk",
      ["приблизно через 1 день", "приблизно через 2 дні", "приблизно через 5 днів", "приблизно через 22 дні"],
    ],
  ] as const)("%s waits pluralise days", (language, expected) => {
    const i18n = translatorFor(language);
    // 365 / (365 / n) orders: a wait of n days (n < 14), or n weeks shown for the longer ones.
    expect([1, 2, 5].map((days) => nextOrderText("active", 365 / days, 365, i18n))).toEqual(
      expected.slice(0, 3),
    );
    expect(i18n.t("segments.next.days", { count: 22 })).toBe(expected[3]);
  });

  it.each(OTHERS)(
    "%s: segments, sorts, the large-segment note and the CLV story have no English word",
    (language) => {
      const i18n = translatorFor(language);
      const texts = [
        ...segmentInfos(i18n).flatMap((s) => [s.label, s.rule, s.action, s.whyLarge]),
        ...CUSTOMER_SORTS.map((s) => s.label(i18n)),
        largeSegmentNote(
          { all: 10, new: 0, active: 0, promising: 0, "at-risk": 0, lapsed: 6, lost: 4 },
          i18n,
        )!,
      ];
      for (const margin of [null, 40]) {
        const story = clvStory(storyInput(margin), i18n);
        texts.push(story.heading, story.use, story.revenueNote ?? "", story.marginStale ?? "");
        for (const figure of story.figures)
          texts.push(figure.label, figure.measures, figure.relation, figure.profitNote ?? "");
      }
      for (const text of texts) expect(englishIn(text), text).toEqual([]);
      // Every message of the area, too.
      for (const [id, message] of Object.entries(messagesOf(language as Language)))
        if (/^(customers|segments|clvStory)\./.test(id)) expect(englishIn(wordsOf(message)), id).toEqual([]);
    },
  );
});

describe("customers loader in four languages", () => {
  let database: TestDatabase;
  let shop: SeededShop;
  let cookie: string;
  const NOW = new Date("2026-11-20T15:00:00Z");

  beforeAll(async () => {
    database = await createTestDatabase();
    useDemoEnvironment(database.url);
    shop = await seedShop(database.prisma, {
      domain: "customers-i18n.myshopify.com",
      customers: 200,
      days: 500,
      now: NOW,
      seed: 21,
    });
    await runClvModel(database.prisma, shop.shopId, { now: NOW });
    cookie = await demoCookie("customers-i18n.myshopify.com");
  }, 240_000);
  afterAll(async () => {
    await (await import("~/db.server")).disconnectDb();
    await database?.drop();
  });

  /** What the URL below gives, which the problems quote back as typed. */
  const TYPED = new Set(["nonsense", "vip"]);
  /** Every text the loader sends but the customers' own names and emails. */
  const loaderTexts = async (locale: string) => {
    const search = "sort=nonsense&orders_min=x&last_from=2026-13-01&segment=vip&page=-1";
    const result = data(
      await runLoader(customersRoute.loader, get(`/app/customers?${search}&locale=${locale}`, cookie)),
    );
    const { data: page, clvStory: story } = result;
    expect(page.model.status).toBe("ok");
    return {
      result,
      texts: [
        result.documentTitle,
        ...page.query.problems,
        page.largeSegment ?? "",
        page.model.status === "ok" ? page.model.fittedText : "",
        story.heading,
        story.use,
        story.revenueNote ?? "",
        story.marginStale ?? "",
        ...story.figures.flatMap((f) => [f.label, f.measures, f.relation, f.profitNote ?? "", f.blank ?? ""]),
      ],
    };
  };

  it("English says what it said", async () => {
    const { result, texts } = await loaderTexts("en");
    expect(result.documentTitle).toBe("Customers · Pulse KPI");
    expect(texts.join(" ")).toContain('"nonsense" is not a way to sort');
    expect(texts.join(" ")).toContain("Historical CLV");
  });

  it.each(OTHERS)("%s: no English word in the loader's texts", async (language) => {
    const { result, texts } = await loaderTexts(language);
    expect(result.data.query.problems.length).toBe(5);
    for (const text of texts) expect(englishIn(text), text).toEqual([]);
    // Ukrainian and Greek have no Latin word at all, but the shared names.
    if (language !== "pl")
      for (const text of texts)
        expect(
          (text.match(/[A-Za-z]{3,}/g) ?? []).filter(
            (word) => !SHARED.has(word.toLowerCase()) && !TYPED.has(word),
          ),
          text,
        ).toEqual([]);
  });
});
