/**
 * The settings' Data page: the history import, live updates from Shopify, the daily check and how fresh
 * the KPIs are, in plain words and the shop's time zone. Raw error text is kept apart as technical
 * details.
 */
import type { PrismaClient } from "@prisma/client";
import { snapshotsComputedAt } from "~/kpi-engine/snapshots.server";
import { importProblem, reconcileProblem, topicCount, type Problem } from "~/sync/plain-words";
import { importBanner, resourceLabel, resourceLine, type ImportBanner } from "~/sync/status-format";
import { importRunning, syncStatus, type SyncStatus } from "~/sync/status.server";
import { inboxHealth, type InboxHealth } from "~/webhooks/inbox-state.server";
import { ageText, instantText, localDateText } from "./period-labels";

export interface ImportSection {
  readonly running: boolean;
  readonly percent: number;
  readonly title: string;
  /** When it finished, or what it is doing. */
  readonly summary: string;
  readonly resources: readonly { label: string; line: string }[];
  readonly problems: readonly (Problem & { label: string })[];
  /** Shown when Shopify only shares recent orders with the app. */
  readonly scopeNote: string | null;
  readonly canImportAgain: boolean;
  readonly technical: readonly string[];
}

export interface WebhookSection {
  readonly lastText: string;
  readonly healthy: boolean;
  readonly lines: readonly string[];
  readonly technical: readonly string[];
}

export interface ReconcileSection {
  readonly text: string;
  readonly problem: Problem | null;
  readonly technical: readonly string[];
}

export interface DataPageData {
  readonly timezone: string;
  /** The dashboard banner's state, so this page follows the import too. */
  readonly banner: ImportBanner;
  readonly importing: ImportSection;
  readonly webhooks: WebhookSection;
  readonly reconcile: ReconcileSection;
  readonly freshness: string;
}

const count = (n: number, one: string, many: string) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

export async function loadDataPage(
  prisma: PrismaClient,
  shop: { id: number; timezone: string },
  now = new Date(),
): Promise<DataPageData> {
  const [sync, inbox, computedAt] = await Promise.all([
    syncStatus(prisma, shop.id, now.getTime()),
    inboxHealth(prisma, shop.id, now.getTime()),
    snapshotsComputedAt(prisma, shop.id),
  ]);
  return dataPageOf(sync, inbox, computedAt, shop.timezone, now);
}

/** The page's words from what the loaders read (pure, so each sentence can be tested). */
export function dataPageOf(
  sync: SyncStatus,
  inbox: InboxHealth,
  computedAt: Date | null,
  timezone: string,
  now: Date,
): DataPageData {
  const at = (iso: string | Date) => instantText(new Date(iso), timezone);
  const banner = importBanner(sync, computedAt !== null, now.getTime());
  return {
    timezone,
    banner,
    importing: importSection(sync, at, timezone),
    webhooks: webhookSection(sync, inbox, at, now),
    reconcile: reconcileSection(sync, at, now),
    freshness: freshnessText(banner, computedAt, at, now),
  };
}

type At = (iso: string | Date) => string;

function importSection(sync: SyncStatus, at: At, timezone: string): ImportSection {
  const running = importRunning(sync.phase);
  const finished = sync.resources
    .map((r) => r.finishedAt)
    .filter((f): f is string => f !== null)
    .sort()
    .at(-1);
  const title = {
    "not-started": "Your store's history has not been imported yet",
    exporting: `Importing your store's history: ${sync.percent}%`,
    importing: `Importing your store's history: ${sync.percent}%`,
    retrying: `Importing your store's history: ${sync.percent}%`,
    completed: "Your store's history is imported",
    "completed-with-errors": "Part of your store's history could not be imported",
  }[sync.phase];
  const summary = running
    ? "KPI figures are incomplete until the import finishes. The progress above updates by itself."
    : sync.phase === "not-started"
      ? "The import starts when Pulse KPI is installed, or with Import history again."
      : `Finished ${finished ? at(finished) : "earlier"}.`;
  const scopeNote = sync.scopeLimited
    ? `Shopify only shares the last ${sync.limitedHistoryDays} days of orders with apps that were not granted access to all orders, so orders before ${sync.historyFrom ? localDateText(new Date(sync.historyFrom), timezone) : "then"} are missing, and KPIs that look further back (retention, CLV, year on year) are incomplete. Approve "read all orders" for Pulse KPI, then import history again.`
    : null;
  const problems = sync.resources.flatMap((r) =>
    r.error ? [{ label: resourceLabel(r.resource), ...importProblem(r.error) }] : [],
  );
  const technical = sync.resources.flatMap((r) => {
    const facts = [
      r.bulkStatus ? `Shopify status ${r.bulkStatus}` : null,
      r.attempts > 0 ? `${count(r.attempts, "export", "exports")} started` : null,
      r.objectCount !== null ? `${r.objectCount} objects` : null,
      r.error ? `error: ${r.error}` : null,
    ].filter((f): f is string => f !== null);
    return facts.length > 0 ? [`${r.resource}: ${facts.join("; ")}`] : [];
  });
  if (sync.lastFinishWebhookAt)
    technical.push(`Last bulk_operations/finish webhook: ${at(sync.lastFinishWebhookAt)}`);
  return {
    running,
    percent: sync.percent,
    title,
    summary,
    resources: sync.resources.map((r) => ({ label: resourceLabel(r.resource), line: resourceLine(r) })),
    problems,
    scopeNote,
    canImportAgain: !running,
    technical,
  };
}

function webhookSection(sync: SyncStatus, inbox: InboxHealth, at: At, now: Date): WebhookSection {
  const lastText = sync.lastWebhookAt
    ? `Shopify last sent a change ${ageText(new Date(sync.lastWebhookAt), now)} (${at(sync.lastWebhookAt)}).`
    : "Shopify has not sent a change yet.";
  const { counts, overdue, failures } = inbox;
  const lines: string[] = [];
  if (counts.failed === 0 && overdue === 0) {
    lines.push(
      counts.received > 0
        ? `Every change from Shopify has been applied; ${count(counts.received, "is", "are")} being applied now.`
        : "Every change from Shopify has been applied.",
    );
  }
  if (counts.failed > 0) {
    lines.push(
      `${count(counts.failed, "change", "changes")} from Shopify could not be applied, so ${counts.failed === 1 ? "it is" : "they are"} missing from the KPIs until the daily check against Shopify repairs ${counts.failed === 1 ? "it" : "them"}.`,
    );
    // One line per cause, not one per webhook: a stuck worker fails many at once, at the same minute.
    const groups = new Map<string, { topics: Map<string, number>; times: string[] }>();
    for (const failure of failures) {
      const group = groups.get(failure.explanation) ?? {
        topics: new Map<string, number>(),
        times: [] as string[],
      };
      group.topics.set(failure.topic, (group.topics.get(failure.topic) ?? 0) + 1);
      group.times.push(at(failure.receivedAt));
      groups.set(failure.explanation, group);
    }
    for (const [explanation, group] of groups) {
      const what = [...group.topics].map(([topic, n]) => topicCount(topic, n)).join(" and ");
      const times = [...new Set(group.times)];
      const when = times.length === 1 ? times[0] : `between ${times.at(-1)} and ${times[0]}`;
      lines.push(`Recently: ${what} received ${when}, because ${explanation}.`);
    }
  }
  if (overdue > 0)
    lines.push(
      `${count(overdue, "change has", "changes have")} waited more than 15 minutes to be applied; Pulse KPI keeps retrying ${overdue === 1 ? "it" : "them"}.`,
    );
  return {
    lastText,
    healthy: counts.failed === 0 && overdue === 0,
    lines,
    technical: inbox.failures.map(
      (f) => `${f.topic}, webhook ${f.webhookId}, received ${f.receivedAt}: ${f.reason}`,
    ),
  };
}

function reconcileSection(sync: SyncStatus, at: At, now: Date): ReconcileSection {
  const run = sync.reconciliation;
  if (!run)
    return {
      text: "Once a day Pulse KPI compares its data with Shopify and repairs anything a live update missed. The first check runs after the history import has finished.",
      problem: null,
      technical: [],
    };
  const when = `${at(run.startedAt)} (${ageText(new Date(run.startedAt), now)})`;
  if (run.status === "running")
    return {
      text: `A check against Shopify is running now; it started ${when}.`,
      problem: null,
      technical: [],
    };
  if (run.status === "failed")
    return {
      text: `The last daily check against Shopify, on ${when}, could not finish.`,
      problem: reconcileProblem(run.error ?? ""),
      technical: [`reconcile run started ${run.startedAt}: ${run.error ?? "no error recorded"}`],
    };
  const { orders, customers, checkouts } = run.missed;
  const missed = orders + customers + checkouts;
  const parts = [
    orders ? count(orders, "order", "orders") : null,
    customers ? count(customers, "customer", "customers") : null,
    checkouts ? count(checkouts, "checkout", "checkouts") : null,
  ].filter((p): p is string => p !== null);
  return {
    text: `Last checked ${when}: ${count(run.fetched, "change", "changes")} in Shopify compared, ${
      missed === 0 ? "nothing was missing" : `${parts.join(", ")} missed by live updates and repaired`
    }.`,
    problem: null,
    technical: [],
  };
}

function freshnessText(banner: ImportBanner, computedAt: Date | null, at: At, now: Date): string {
  if (banner.kind === "computing") return "The KPIs are being calculated from the imported history.";
  if (!computedAt)
    return "No KPI has been calculated yet: figures appear once the first orders are imported.";
  const last = `${at(computedAt)} (${ageText(computedAt, now)})`;
  if (banner.kind === "running")
    return `Figures are incomplete until the history import finishes. They were last calculated ${last}.`;
  return `All KPIs were last calculated ${last}. New orders show up within a few minutes.`;
}
