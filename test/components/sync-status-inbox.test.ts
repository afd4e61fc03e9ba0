/**
 * The data sync section tells the merchant, in plain words, that webhooks failed and why; and says
 * nothing alarming when none did.
 */
import { AppProvider } from "@shopify/polaris";
import en from "@shopify/polaris/locales/en.json";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { SyncStatus } from "~/sync/status.server";
import { SyncStatusSection } from "~/components/SyncStatusSection";
import type { InboxHealth } from "~/webhooks/inbox-state.server";

// An import in progress: the section then shows a progress bar instead of its form (no router needed).
const sync: SyncStatus = {
  phase: "importing",
  percent: 40,
  etaSeconds: null,
  resources: [],
  scopeLimited: false,
  historyFrom: null,
  limitedHistoryDays: 60,
  lastWebhookAt: null,
  lastFinishWebhookAt: null,
  reconciliation: null,
};

const render = (inbox: InboxHealth) =>
  renderToStaticMarkup(
    createElement(
      AppProvider,
      { i18n: en },
      createElement(SyncStatusSection, {
        sync,
        freshness: { computedAt: null, computedText: null, ageText: null },
        kpis: [],
        inbox,
      }),
    ),
  ).replaceAll("&#x27;", "'");

describe("SyncStatusSection inbox lines", () => {
  it("counts failed webhooks and gives the latest reasons in plain words, raw reason beside", () => {
    const reason = "ingest gave up after 3 re-drives; last failure: job stalled more than allowable limit";
    const html = render({
      counts: { received: 0, processed: 120, failed: 2 },
      overdue: 1,
      failures: [
        {
          webhookId: "w-1",
          topic: "orders/create",
          receivedAt: "2026-12-07T10:00:00.000Z",
          reason,
          explanation: "the worker importing it stopped part-way through, more than once",
        },
      ],
    });
    expect(html).toContain("2 webhooks from Shopify could not be applied");
    expect(html).toContain("the worker importing it stopped part-way through, more than once");
    expect(html).toContain(reason);
    expect(html).toContain("1 webhook has waited more than 15 minutes");
  });

  it("says all is applied when nothing failed", () => {
    const html = render({ counts: { received: 3, processed: 9, failed: 0 }, overdue: 0, failures: [] });
    expect(html).toContain("No webhook from Shopify has failed to apply; 3 are being applied now.");
    expect(html).not.toContain("could not be applied");
  });
});
