/**
 * The Data page and the import banner in plain words: stored error text becomes sentences with a next
 * step, times are the shop's, identical failures are summarised, and the raw text is only in the
 * technical details.
 */
import { describe, expect, it } from "vitest";
import { translatorFor } from "~/i18n/catalog.server";
import { dataPageOf } from "~/pages/data-page.server";
import { importProblem, reconcileProblem, topicCount } from "~/sync/plain-words";
import { importBanner } from "~/sync/status-format";
import type { ResourceProgress, SyncStatus } from "~/sync/status.server";
import type { InboxHealth } from "~/webhooks/inbox-state.server";

const en = translatorFor("en");
const NOW = new Date("2026-12-07T15:00:00Z");
const ZONE = "America/New_York";

const resource = (
  over: Partial<ResourceProgress> & Pick<ResourceProgress, "resource">,
): ResourceProgress => ({
  status: "completed",
  bulkStatus: "COMPLETED",
  rowsDone: 100,
  objectCount: 120,
  percent: 100,
  etaSeconds: null,
  attempts: 1,
  error: null,
  finishedAt: "2026-12-07T14:20:00.000Z",
  ...over,
});

const sync = (over: Partial<SyncStatus> = {}): SyncStatus => ({
  phase: "completed",
  percent: 100,
  etaSeconds: null,
  resources: [
    resource({ resource: "customers", finishedAt: "2026-12-07T14:10:00.000Z" }),
    resource({ resource: "orders" }),
    resource({ resource: "checkouts", finishedAt: "2026-12-07T14:15:00.000Z" }),
  ],
  scopeLimited: false,
  historyFrom: null,
  limitedHistoryDays: 60,
  lastWebhookAt: "2026-12-07T14:55:00.000Z",
  lastFinishWebhookAt: "2026-12-07T14:19:00.000Z",
  reconciliation: null,
  ...over,
});

const quietInbox: InboxHealth = {
  counts: { received: 0, processed: 10, failed: 0 },
  overdue: 0,
  failures: [],
};

/** Everything the merchant reads on the page (not the folded technical details). */
const visible = (page: ReturnType<typeof dataPageOf>) =>
  [
    page.importing.title,
    page.importing.summary,
    ...page.importing.resources.map((r) => `${r.label}: ${r.line}`),
    ...page.importing.problems.map((p) => `${p.label}: ${p.what} ${p.next}`),
    page.importing.scopeNote ?? "",
    page.webhooks.lastText,
    ...page.webhooks.lines,
    page.reconcile.text,
    page.reconcile.problem ? `${page.reconcile.problem.what} ${page.reconcile.problem.next}` : "",
    page.freshness,
  ].join("\n");

describe("stored sync errors in plain words", () => {
  it.each([
    ["Shopify's export failed (ACCESS_DENIED)", /did not let Pulse KPI read/, /approve its access again/],
    ["Shopify's export failed (INTERNAL_SERVER_ERROR)", /problem on Shopify's side/, /Import history again/],
    ["Shopify's export failed (TIMEOUT)", /took too long/, /Import history again/],
    ["Shopify refused the export: A bulk query operation is already in progress", /did not accept/, /again/],
    ["Shopify no longer knows the export", /lost track/, /again/],
    ["Shopify's export was canceled", /cancelled in Shopify/, /again/],
    ["the export file expired before it was fully imported", /expired before/, /again/],
    ["TypeError: Cannot read properties of undefined (reading 'id')", /unexpected problem/, /support/],
  ])("%s", (reason, what, next) => {
    const problem = importProblem(reason, en);
    expect(problem.what).toMatch(what);
    expect(problem.next).toMatch(next);
    expect(`${problem.what} ${problem.next}`).not.toContain(reason);
  });

  it("a retry says the app tries again by itself, and which attempt", () => {
    const problem = importProblem("Shopify's export failed (TIMEOUT); retrying (attempt 2 of 3)", en);
    expect(problem.what).toMatch(/took too long/);
    expect(problem.next).toBe(
      "Pulse KPI tries again by itself in a moment (attempt 2 of 3); there is nothing to do.",
    );
  });

  it("an export that failed part-way says what it kept", () => {
    expect(
      importProblem("Shopify's export failed (TIMEOUT); the part it produced was imported", en).what,
    ).toMatch(/What Shopify did export was imported\.$/);
  });

  it.each([
    ["Admin API still throttled after 5 retries", /slow down/],
    ["Received an error response (401 Unauthorized) from Shopify", /refused Pulse KPI's access/],
    ["fetch failed", /could not be reached/],
    ["connect ECONNREFUSED 127.0.0.1:443", /could not be reached/],
    ["Cannot read properties of null", /unexpected problem/],
  ])("daily check: %s", (reason, what) => {
    expect(reconcileProblem(reason, en).what).toMatch(what);
  });

  it("webhook topics read as what changed", () => {
    expect(topicCount("orders/updated", 3, en)).toBe("3 order changes");
    expect(topicCount("orders/create", 1, en)).toBe("1 new order");
    expect(topicCount("something/new", 2, en)).toBe("2 updates from Shopify");
  });
});

describe("the import banner", () => {
  const progress = (over: Partial<SyncStatus>) => sync(over);

  it("while importing: the real percentage, and that figures are incomplete", () => {
    const banner = importBanner(progress({ phase: "importing", percent: 42, etaSeconds: 300 }), true, 1, en);
    expect(banner).toMatchObject({ kind: "running", percent: 42, readAt: 1 });
    expect(banner.title).toBe("Importing your store's history: 42%");
    expect(banner.text).toBe("Figures are incomplete until the import finishes (about 5 min left).");
  });

  it("imported but the KPIs not yet rebuilt: says so rather than nothing", () => {
    expect(importBanner(progress({}), false, 1, en).kind).toBe("computing");
  });

  it("done and computed: no banner", () => {
    expect(importBanner(progress({}), true, 1, en).kind).toBe("none");
    expect(importBanner(progress({ phase: "not-started", resources: [] }), false, 1, en).kind).toBe("none");
  });

  it("part failed: which part, in words, and where to go next", () => {
    const banner = importBanner(
      progress({
        phase: "completed-with-errors",
        resources: [
          resource({ resource: "customers" }),
          resource({ resource: "orders", status: "failed", error: "Shopify's export failed (TIMEOUT)" }),
        ],
      }),
      true,
      1,
      en,
    );
    expect(banner.kind).toBe("failed");
    expect(banner.text).toBe(
      "Orders: Shopify's export took too long and Shopify stopped it. Figures that need it are incomplete. Import it again from the Data page.",
    );
  });
});

describe("the Data page", () => {
  it("a finished import: one finish time in the shop's zone, per-resource counts, last check", () => {
    const page = dataPageOf(
      sync({
        reconciliation: {
          status: "succeeded",
          startedAt: "2026-12-07T08:00:00.000Z",
          finishedAt: "2026-12-07T08:01:00.000Z",
          since: "2026-12-06T07:00:00.000Z",
          fetched: 1234,
          missed: { orders: 2, customers: 1, checkouts: 0 },
          error: null,
        },
      }),
      quietInbox,
      new Date("2026-12-07T14:58:00Z"),
      ZONE,
      NOW,
      en,
    );
    expect(page.importing.title).toBe("Your store's history is imported");
    // The latest of the three finish times, 9:20 AM in New York (14:20 UTC); no GMT anywhere.
    expect(page.importing.summary).toBe("Finished Dec 7, 2026, 9:20 AM.");
    expect(page.importing.resources).toEqual([
      { label: "Customers", line: "100 imported" },
      { label: "Orders", line: "100 imported" },
      { label: "Abandoned checkouts", line: "100 imported" },
    ]);
    expect(page.importing.canImportAgain).toBe(true);
    expect(page.reconcile.text).toBe(
      "Last checked Dec 7, 2026, 3:00 AM (7 hours ago): 1,234 changes in Shopify compared, 2 orders, 1 customer missed by live updates and repaired.",
    );
    expect(page.webhooks.lastText).toBe("Shopify last sent a change 5 minutes ago (Dec 7, 2026, 9:55 AM).");
    expect(page.freshness).toBe(
      "All KPIs were last calculated Dec 7, 2026, 9:58 AM (2 minutes ago). New orders show up within a few minutes.",
    );
    const text = visible(page);
    expect(text).not.toMatch(/GMT|UTC|export-finished/);
    // The Shopify finish notice is a detail for whoever investigates.
    expect(page.importing.technical).toContain("Last bulk_operations/finish webhook: Dec 7, 2026, 9:19 AM");
  });

  it("during an import the freshness does not claim the KPIs are current", () => {
    const page = dataPageOf(
      sync({
        phase: "importing",
        percent: 30,
        resources: [
          resource({ resource: "customers" }),
          resource({
            resource: "orders",
            status: "importing",
            percent: 30,
            rowsDone: 3000,
            finishedAt: null,
          }),
        ],
      }),
      quietInbox,
      new Date("2026-12-07T14:59:30Z"),
      ZONE,
      NOW,
      en,
    );
    expect(page.freshness).toBe(
      "Figures are incomplete until the history import finishes. They were last calculated Dec 7, 2026, 9:59 AM (just now).",
    );
    expect(page.importing.title).toBe("Importing your store's history: 30%");
    expect(page.importing.canImportAgain).toBe(false);
    expect(page.reconcile.text).toMatch(/first check runs after the history import has finished/);
  });

  it("raw errors stay in the technical details; the page says what happened and what to do", () => {
    const importError = "Shopify's export failed (ACCESS_DENIED)";
    const checkError =
      "request to https://x.myshopify.com/admin/api/2026-10/graphql.json failed, reason: connect ETIMEDOUT";
    const page = dataPageOf(
      sync({
        phase: "completed-with-errors",
        resources: [
          resource({ resource: "customers" }),
          resource({ resource: "orders", status: "failed", error: importError, rowsDone: 0 }),
        ],
        reconciliation: {
          status: "failed",
          startedAt: "2026-12-07T08:00:00.000Z",
          finishedAt: "2026-12-07T08:00:05.000Z",
          since: "2026-12-06T07:00:00.000Z",
          fetched: 0,
          missed: { orders: 0, customers: 0, checkouts: 0 },
          error: checkError,
        },
      }),
      quietInbox,
      new Date("2026-12-07T14:00:00Z"),
      ZONE,
      NOW,
      en,
    );
    const text = visible(page);
    expect(text).not.toContain(importError);
    expect(text).not.toContain(checkError);
    expect(page.importing.resources[1]).toEqual({ label: "Orders", line: "not imported (nothing imported)" });
    expect(page.importing.problems).toEqual([
      {
        label: "Orders",
        what: "Shopify did not let Pulse KPI read this part of your store.",
        next: "Open Pulse KPI from your Shopify admin to approve its access again, then choose Import history again.",
      },
    ]);
    expect(page.reconcile.text).toBe(
      "The last daily check against Shopify, on Dec 7, 2026, 3:00 AM (7 hours ago), could not finish.",
    );
    expect(page.reconcile.problem?.what).toBe("Shopify could not be reached while checking.");
    expect(page.importing.technical.join("\n")).toContain(importError);
    expect(page.reconcile.technical.join("\n")).toContain(checkError);
  });

  it("failed webhooks are summarised by cause, not listed one timestamp each", () => {
    const reason = "ingest gave up after 3 re-drives; last failure: job stalled more than allowable limit";
    const failures = Array.from({ length: 5 }, (_, i) => ({
      webhookId: `w-${i}`,
      topic: i < 4 ? "orders/updated" : "orders/create",
      receivedAt: "2026-12-07T10:00:00.000Z",
      reason,
      explanation: "the worker importing it stopped part-way through, more than once",
    }));
    const page = dataPageOf(
      sync(),
      { counts: { received: 0, processed: 120, failed: 10 }, overdue: 1, failures },
      new Date("2026-12-07T14:58:00Z"),
      ZONE,
      NOW,
      en,
    );
    expect(page.webhooks.healthy).toBe(false);
    expect(page.webhooks.lines).toEqual([
      "10 changes from Shopify could not be applied, so they are missing from the KPIs until the daily check against Shopify repairs them.",
      "Recently: 4 order changes and 1 new order received Dec 7, 2026, 5:00 AM, because the worker importing it stopped part-way through, more than once.",
      "1 change has waited more than 15 minutes to be applied; Pulse KPI keeps retrying it.",
    ]);
    expect(visible(page)).not.toContain(reason);
    expect(page.webhooks.technical).toHaveLength(5);
    expect(page.webhooks.technical[0]).toContain(reason);
  });

  it("a store limited to recent orders is told why, with the date in its own zone", () => {
    const page = dataPageOf(
      sync({ scopeLimited: true, historyFrom: "2026-10-08T03:00:00.000Z" }),
      quietInbox,
      NOW,
      ZONE,
      NOW,
      en,
    );
    // 03:00 UTC on Oct 8 is still Oct 7 in New York.
    expect(page.importing.scopeNote).toMatch(/orders before Oct 7, 2026 are missing/);
  });
});
