/**
 * Settings, the Data page, the privacy page and the digest page in Polish, Ukrainian and Greek: no
 * English left in what their loaders and messages say, plurals right for 1, 2, 5 and 22, and the
 * English wording unchanged.
 */
import { describe, expect, it } from "vitest";
import { messagesOf, translatorFor } from "~/i18n/catalog.server";
import type { Language } from "~/i18n/locales";
import type { MessageId } from "~/i18n/message-id";
import { dataPageOf } from "~/pages/data-page.server";
import { monthLabel, parseSpend, parseSpendEntries } from "~/pages/settings-form";
import { settingsErrors } from "~/settings/shop-settings.server";
import type { ResourceProgress, SyncStatus } from "~/sync/status.server";
import type { InboxHealth } from "~/webhooks/inbox-state.server";

const NAMESPACES = ["settings", "data", "privacy", "digestAdmin"];
const OTHERS: Language[] = ["pl", "uk", "el"];

// Words that are the same in every language here: brands, abbreviations, the language names.
const SHARED = new Set(
  "pulse kpi kpis shopify clv cac roas ltv json smtp url mail email english polski webhook".split(" "),
);
// English words that are also words of the language (Polish "import", "problem", "status"...).
const COGNATES: Record<Language, ReadonlySet<string>> = {
  en: new Set(),
  pl: new Set("import min problem status marketing test same".split(" ")),
  uk: new Set(),
  el: new Set(),
};

/** Every English word of these pages' messages (3+ letters), lower-cased. */
const ENGLISH_WORDS = new Set(
  Object.entries(messagesOf("en"))
    .filter(([id]) => NAMESPACES.includes(id.split(".")[0]!))
    .flatMap(([, message]) => message.replace(/\{[^{}]*\}/g, " ").match(/[A-Za-z]{3,}/g) ?? [])
    .map((w) => w.toLowerCase())
    .filter((w) => !SHARED.has(w) && !/^(plural|one|other|number|percent)$/.test(w)),
);

/** English words in a text that has no business holding any (emails stripped first). */
function englishIn(text: string, language: Language): string[] {
  const words = (text.replace(/\S+@\S+/g, " ").match(/[A-Za-z]{3,}/g) ?? []).map((w) => w.toLowerCase());
  return [...new Set(words.filter((w) => ENGLISH_WORDS.has(w) && !COGNATES[language].has(w)))];
}

const NOW = new Date("2026-12-07T15:00:00Z");
const ZONE = "Europe/Warsaw";

const resource = (
  over: Partial<ResourceProgress> & Pick<ResourceProgress, "resource">,
): ResourceProgress => ({
  status: "completed",
  bulkStatus: "COMPLETED",
  rowsDone: 22,
  objectCount: 22,
  percent: 100,
  etaSeconds: null,
  attempts: 1,
  error: null,
  finishedAt: "2026-12-07T14:20:00.000Z",
  ...over,
});

const sync: SyncStatus = {
  phase: "completed-with-errors",
  percent: 80,
  etaSeconds: null,
  resources: [
    resource({ resource: "customers" }),
    resource({
      resource: "orders",
      status: "failed",
      rowsDone: 5,
      error: "Shopify's export failed (TIMEOUT)",
    }),
    resource({ resource: "checkouts", status: "importing", percent: 40, etaSeconds: 300, finishedAt: null }),
  ],
  scopeLimited: true,
  historyFrom: "2026-10-08T03:00:00.000Z",
  limitedHistoryDays: 60,
  lastWebhookAt: "2026-12-07T14:55:00.000Z",
  lastFinishWebhookAt: "2026-12-07T14:19:00.000Z",
  reconciliation: {
    status: "succeeded",
    startedAt: "2026-12-07T08:00:00.000Z",
    finishedAt: "2026-12-07T08:01:00.000Z",
    since: "2026-12-06T07:00:00.000Z",
    fetched: 1234,
    missed: { orders: 2, customers: 1, checkouts: 5 },
    error: null,
  },
};

const inbox: InboxHealth = {
  counts: { received: 3, processed: 120, failed: 22 },
  overdue: 5,
  failures: [
    {
      webhookId: "w-1",
      topic: "orders/updated",
      receivedAt: "2026-12-07T10:00:00.000Z",
      reason: "job stalled more than allowable limit",
      explanation: "",
    },
    {
      webhookId: "w-2",
      topic: "refunds/create",
      receivedAt: "2026-12-07T11:00:00.000Z",
      reason: "job stalled more than allowable limit",
      explanation: "",
    },
  ],
};

/** What the Data page shows (the raw technical details are English on purpose, for whoever investigates). */
function dataPageText(language: Language): string {
  const page = dataPageOf(sync, inbox, new Date("2026-12-07T14:58:00Z"), ZONE, NOW, translatorFor(language));
  return [
    page.importing.title,
    page.importing.summary,
    ...page.importing.resources.map((r) => `${r.label} ${r.line}`),
    ...page.importing.problems.map((p) => `${p.label} ${p.what} ${p.next}`),
    page.importing.scopeNote ?? "",
    page.webhooks.lastText,
    ...page.webhooks.lines,
    page.reconcile.text,
    page.freshness,
  ].join("\n");
}

/** A message with made-up values for every placeholder: 3 for each, a tag's chunks as they are. */
function sample(language: Language, id: string): string {
  const english = messagesOf("en")[id]!;
  const values: Record<string, unknown> = {};
  for (const [, name] of english.matchAll(/\{(\w+)/g)) values[name!] = 3;
  for (const [, tag] of english.matchAll(/<(\w+)>/g)) values[tag!] = (chunks: string[]) => chunks.join("");
  return translatorFor(language)
    .rich(id as MessageId, values as never)
    .join("");
}

describe.each(OTHERS)("%s: no English on the settings, data, privacy and digest pages", (language) => {
  const i18n = translatorFor(language);

  it("every message of these namespaces is translated", () => {
    const ids = Object.keys(messagesOf("en")).filter((id) => NAMESPACES.includes(id.split(".")[0]!));
    const leftovers = ids
      .filter((id) => !id.startsWith("data.technical."))
      .map((id) => [id, englishIn(sample(language, id), language)] as const)
      .filter(([, words]) => words.length > 0);
    expect(leftovers).toEqual([]);
  });

  it("the Data page's loader text", () => {
    const text = dataPageText(language);
    expect(englishIn(text, language)).toEqual([]);
    // Times in the shop's zone and the reader's language: 14:58 UTC is 15:58 in Warsaw.
    expect(text).toContain(i18n.intl.formatRelativeTime(-2, "minute"));
    expect(text).toContain(
      i18n.intl.formatDate(new Date("2026-12-07T14:58:00Z"), {
        dateStyle: "medium",
        timeStyle: "short",
        timeZone: ZONE,
      }),
    );
    expect(text).toMatch(language === "el" ? /3:58/ : /15:58/);
    expect(text).not.toMatch(/\.\.(\s|$)/);
  });

  it("validation errors and spend errors", () => {
    const errors = settingsErrors(
      {
        activityWindowDays: 10,
        graceMinutes: -1,
        refundAttribution: "x",
        grossMarginPct: 500,
        digestRecipients: ["nope"],
        digestWeekday: 9,
        digestHour: 30,
        adminLanguage: "de",
        digestLanguage: "fr",
      },
      i18n,
    );
    expect(Object.keys(errors)).toHaveLength(9);
    const spend = parseSpendEntries(
      { "2026-12": "5", "2026-10": "-3", "2026-08": "lots" },
      2,
      "2026-11",
      i18n,
    );
    expect(spend.ok).toBe(false);
    const text = [...Object.values(errors), ...Object.values(spend.ok ? {} : spend.errors)].join("\n");
    expect(englishIn(text, language)).toEqual([]);
    expect(monthLabel("2026-01", i18n)).not.toMatch(/Jan/);
  });
});

describe("plurals for 1, 2, 5 and 22", () => {
  const counts = [1, 2, 5, 22];
  const forms = (language: Language, id: MessageId, name = "count") =>
    counts.map((n) => translatorFor(language).t(id, { [name]: n }));

  it("Polish", () => {
    expect(forms("pl", "privacy.page.subtitle")).toEqual([
      "1 wniosek do obsłużenia",
      "2 wnioski do obsłużenia",
      "5 wniosków do obsłużenia",
      "22 wnioski do obsłużenia",
    ]);
    expect(forms("pl", "data.topic.ordersCreate")).toEqual([
      "1 nowe zamówienie",
      "2 nowe zamówienia",
      "5 nowych zamówień",
      "22 nowe zamówienia",
    ]);
  });

  it("Ukrainian", () => {
    expect(forms("uk", "data.technical.objects")).toEqual([
      "1 об’єкт",
      "2 об’єкти",
      "5 об’єктів",
      "22 об’єкти",
    ]);
    expect(forms("uk", "data.topic.customersCreate")).toEqual([
      "1 новий клієнт",
      "2 нові клієнти",
      "5 нових клієнтів",
      "22 нові клієнти",
    ]);
  });

  it("Greek", () => {
    expect(forms("el", "privacy.page.subtitle")).toEqual([
      "1 αίτημα προς απάντηση",
      "2 αιτήματα προς απάντηση",
      "5 αιτήματα προς απάντηση",
      "22 αιτήματα προς απάντηση",
    ]);
  });
});

describe("amounts as each reader types them", () => {
  it("reads the locale's decimal comma, refuses an ambiguous Greek 2.500, keeps English as it was", () => {
    expect(parseSpend("2 500,50", 2, translatorFor("pl"))).toEqual({ ok: true, minor: 250_050 });
    expect(parseSpend("2500.50", 2, translatorFor("uk"))).toEqual({ ok: true, minor: 250_050 });
    expect(parseSpend("2.500,50", 2, translatorFor("el"))).toEqual({ ok: true, minor: 250_050 });
    expect(parseSpend("2.500", 2, translatorFor("el")).ok).toBe(false);
    expect(parseSpend("2,500.50", 2, translatorFor("en"))).toEqual({ ok: true, minor: 250_050 });
  });
});

describe("English stays as it was", () => {
  it("the contradiction is gone: changes still being applied are not called applied", () => {
    const page = dataPageOf(
      { ...sync, reconciliation: null },
      { counts: { received: 3, processed: 1, failed: 0 }, overdue: 0, failures: [] },
      null,
      ZONE,
      NOW,
      translatorFor("en"),
    );
    expect(page.webhooks.lines).toEqual(["No change from Shopify has failed; 3 are being applied now."]);
    expect(page.webhooks.lines.join(" ")).not.toMatch(/has been applied/);
  });
});
