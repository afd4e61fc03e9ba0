/**
 * The settings' Data page: the history import, live updates from Shopify, the daily check and how fresh
 * the KPIs are, in plain words and the shop's time zone. Raw error text is kept apart as technical
 * details.
 */
import type { PrismaClient } from "@prisma/client";
import type { MessageId } from "~/i18n/message-id";
import type { Translator } from "~/i18n/translator";
import { snapshotsComputedAt } from "~/kpi-engine/snapshots.server";
import { importProblem, reconcileProblem, topicCount, type Problem } from "~/sync/plain-words";
import { importBanner, resourceLabel, resourceLine, type ImportBanner } from "~/sync/status-format";
import { importRunning, syncStatus, type SyncStatus } from "~/sync/status.server";
import { explainInboxFailure, inboxHealth, type InboxHealth } from "~/webhooks/inbox-state.server";

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

export async function loadDataPage(
  prisma: PrismaClient,
  shop: { id: number; timezone: string },
  i18n: Translator,
  now = new Date(),
): Promise<DataPageData> {
  const [sync, inbox, computedAt] = await Promise.all([
    syncStatus(prisma, shop.id, now.getTime()),
    inboxHealth(prisma, shop.id, now.getTime()),
    snapshotsComputedAt(prisma, shop.id),
  ]);
  return dataPageOf(sync, inbox, computedAt, shop.timezone, now, i18n);
}

/** How the page words times: the shop's zone, the reader's language. */
interface Clock {
  /** "Dec 7, 2026, 9:20 AM". */
  at(instant: string | Date): string;
  /** "Dec 7, 2026". */
  day(instant: string | Date): string;
  /** "5 minutes ago", "just now". */
  age(instant: string | Date): string;
}

function clockOf(i18n: Translator, timeZone: string, now: Date): Clock {
  return {
    at: (instant) =>
      i18n.intl.formatDate(new Date(instant), { dateStyle: "medium", timeStyle: "short", timeZone }),
    day: (instant) => i18n.intl.formatDate(new Date(instant), { dateStyle: "medium", timeZone }),
    age: (instant) => ageOf(new Date(instant), now, i18n),
  };
}

/** How long ago, in whole minutes, hours or days (computed on the server: no change on hydration). */
export function ageOf(instant: Date, now: Date, i18n: Translator): string {
  const seconds = Math.max(0, Math.round((now.getTime() - instant.getTime()) / 1000));
  if (seconds < 90) return i18n.t("data.age.justNow");
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return i18n.intl.formatRelativeTime(-minutes, "minute");
  const hours = Math.round(minutes / 60);
  if (hours < 36) return i18n.intl.formatRelativeTime(-hours, "hour");
  return i18n.intl.formatRelativeTime(-Math.round(hours / 24), "day");
}

/** The page's words from what the loaders read (pure, so each sentence can be tested). */
export function dataPageOf(
  sync: SyncStatus,
  inbox: InboxHealth,
  computedAt: Date | null,
  timezone: string,
  now: Date,
  i18n: Translator,
): DataPageData {
  const clock = clockOf(i18n, timezone, now);
  const banner = importBanner(sync, computedAt !== null, now.getTime(), i18n);
  return {
    timezone,
    banner,
    importing: importSection(sync, clock, i18n),
    webhooks: webhookSection(sync, inbox, clock, i18n),
    reconcile: reconcileSection(sync, clock, i18n),
    freshness: freshnessText(banner, computedAt, clock, i18n),
  };
}

const IMPORT_TITLE: Record<SyncStatus["phase"], MessageId> = {
  "not-started": "data.import.notStarted",
  exporting: "data.import.running",
  importing: "data.import.running",
  retrying: "data.import.running",
  completed: "data.import.completed",
  "completed-with-errors": "data.import.failed",
};

function importSection(sync: SyncStatus, clock: Clock, i18n: Translator): ImportSection {
  const { t } = i18n;
  const running = importRunning(sync.phase);
  const finished = sync.resources
    .map((r) => r.finishedAt)
    .filter((f): f is string => f !== null)
    .sort()
    .at(-1);
  const title = t(IMPORT_TITLE[sync.phase], { percent: sync.percent / 100 });
  const summary = running
    ? t("data.import.summaryRunning")
    : sync.phase === "not-started"
      ? t("data.import.summaryNotStarted")
      : finished
        ? t("data.import.summaryFinished", { when: clock.at(finished) })
        : t("data.import.summaryFinishedEarlier");
  const days = sync.limitedHistoryDays;
  const scopeNote = sync.scopeLimited
    ? sync.historyFrom
      ? t("data.import.scopeNote", { days, date: clock.day(sync.historyFrom) })
      : t("data.import.scopeNoteNoDate", { days })
    : null;
  const problems = sync.resources.flatMap((r) =>
    r.error ? [{ label: resourceLabel(r.resource, i18n), ...importProblem(r.error, i18n) }] : [],
  );
  const technical = sync.resources.flatMap((r) => {
    const facts = [
      r.bulkStatus ? t("data.technical.bulkStatus", { status: r.bulkStatus }) : null,
      r.attempts > 0 ? t("data.technical.attempts", { count: r.attempts }) : null,
      r.objectCount !== null ? t("data.technical.objects", { count: r.objectCount }) : null,
      r.error ? t("data.technical.error", { error: r.error }) : null,
    ].filter((f): f is string => f !== null);
    return facts.length > 0
      ? [t("data.technical.resource", { resource: r.resource, facts: facts.join("; ") })]
      : [];
  });
  if (sync.lastFinishWebhookAt)
    technical.push(t("data.technical.lastFinish", { when: clock.at(sync.lastFinishWebhookAt) }));
  return {
    running,
    percent: sync.percent,
    title,
    summary,
    resources: sync.resources.map((r) => ({
      label: resourceLabel(r.resource, i18n),
      line: resourceLine(r, i18n),
    })),
    problems,
    scopeNote,
    canImportAgain: !running,
    technical,
  };
}

function webhookSection(
  sync: SyncStatus,
  inbox: InboxHealth,
  clock: Clock,
  i18n: Translator,
): WebhookSection {
  const { t } = i18n;
  const lastText = sync.lastWebhookAt
    ? t("data.webhooks.last", { age: clock.age(sync.lastWebhookAt), when: clock.at(sync.lastWebhookAt) })
    : t("data.webhooks.none");
  const { counts, overdue, failures } = inbox;
  const lines: string[] = [];
  if (counts.failed === 0 && overdue === 0) {
    // Events still waiting are not "applied": say that none failed and how many are on their way.
    lines.push(
      counts.received > 0
        ? t("data.webhooks.applying", { count: counts.received })
        : t("data.webhooks.allApplied"),
    );
  }
  if (counts.failed > 0) {
    lines.push(t("data.webhooks.failed", { count: counts.failed }));
    // One line per cause, not one per webhook: a stuck worker fails many at once, at the same minute.
    const groups = new Map<string, { topics: Map<string, number>; times: string[] }>();
    for (const failure of failures) {
      const explanation = explainInboxFailure(failure.reason, i18n);
      const group = groups.get(explanation) ?? {
        topics: new Map<string, number>(),
        times: [] as string[],
      };
      group.topics.set(failure.topic, (group.topics.get(failure.topic) ?? 0) + 1);
      group.times.push(clock.at(failure.receivedAt));
      groups.set(explanation, group);
    }
    for (const [explanation, group] of groups) {
      const what = i18n.intl.formatList([...group.topics].map(([topic, n]) => topicCount(topic, n, i18n)));
      const times = [...new Set(group.times)];
      lines.push(
        times.length === 1
          ? t("data.webhooks.recent", { what, when: times[0], explanation })
          : t("data.webhooks.recentBetween", { what, from: times.at(-1), to: times[0], explanation }),
      );
    }
  }
  if (overdue > 0) lines.push(t("data.webhooks.overdue", { count: overdue }));
  return {
    lastText,
    healthy: counts.failed === 0 && overdue === 0,
    lines,
    technical: inbox.failures.map((f) =>
      t("data.technical.webhook", { topic: f.topic, id: f.webhookId, at: f.receivedAt, reason: f.reason }),
    ),
  };
}

function reconcileSection(sync: SyncStatus, clock: Clock, i18n: Translator): ReconcileSection {
  const { t } = i18n;
  const run = sync.reconciliation;
  if (!run) return { text: t("data.reconcile.none"), problem: null, technical: [] };
  const when = clock.at(run.startedAt);
  const age = clock.age(run.startedAt);
  if (run.status === "running")
    return { text: t("data.reconcile.running", { when, age }), problem: null, technical: [] };
  if (run.status === "failed")
    return {
      text: t("data.reconcile.failed", { when, age }),
      problem: reconcileProblem(run.error ?? "", i18n),
      technical: [
        t("data.technical.reconcile", { at: run.startedAt, error: run.error ?? t("data.technical.noError") }),
      ],
    };
  const { orders, customers, checkouts } = run.missed;
  const parts = [
    orders ? t("common.count.orders", { count: orders }) : null,
    customers ? t("common.count.customers", { count: customers }) : null,
    checkouts ? t("data.count.checkouts", { count: checkouts }) : null,
  ].filter((p): p is string => p !== null);
  const fetched = run.fetched;
  return {
    text:
      parts.length === 0
        ? t("data.reconcile.nothingMissed", { when, age, fetched })
        : t("data.reconcile.repaired", {
            when,
            age,
            fetched,
            missed: i18n.intl.formatList(parts, { type: "unit", style: "short" }),
          }),
    problem: null,
    technical: [],
  };
}

function freshnessText(
  banner: ImportBanner,
  computedAt: Date | null,
  clock: Clock,
  i18n: Translator,
): string {
  const { t } = i18n;
  if (banner.kind === "computing") return t("data.freshness.computing");
  if (!computedAt) return t("data.freshness.none");
  const values = { when: clock.at(computedAt), age: clock.age(computedAt) };
  if (banner.kind === "running") return t("data.freshness.importing", values);
  return t("data.freshness.current", values);
}
