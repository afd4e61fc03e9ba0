import type { PrismaClient, SyncState } from "@prisma/client";
import { LIMITED_ORDER_HISTORY_DAYS } from "~/sync/import/options";
import { SYNC_RESOURCES, type SyncResource } from "~/sync/wire/admin-queries";

export interface ResourceProgress {
  resource: SyncResource;
  status: SyncState["status"];
  /** Shopify's own state of the export, e.g. RUNNING. */
  bulkStatus: string | null;
  rowsDone: number;
  /** Objects (JSONL lines) in Shopify's export, when known. */
  objectCount: number | null;
  percent: number;
  etaSeconds: number | null;
  attempts: number;
  error: string | null;
  finishedAt: string | null;
}

export type SyncPhase =
  "not-started" | "exporting" | "importing" | "retrying" | "completed" | "completed-with-errors";

export interface SyncStatus {
  phase: SyncPhase;
  percent: number;
  etaSeconds: number | null;
  resources: ResourceProgress[];
  /** No read_all_orders: only the last 60 days of orders could be imported. */
  scopeLimited: boolean;
  historyFrom: string | null;
  limitedHistoryDays: number;
  lastWebhookAt: string | null;
  lastFinishWebhookAt: string | null;
  reconciliation: {
    status: string;
    startedAt: string;
    finishedAt: string | null;
    since: string;
    fetched: number;
    missed: { orders: number; customers: number; checkouts: number };
    error: string | null;
  } | null;
}

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);

function progressOf(state: SyncState, now: number): ResourceProgress {
  const objectCount = state.objectCount === null ? null : Number(state.objectCount);
  const lines = Number(state.linesDone);
  let percent = 0;
  let etaSeconds: number | null = null;
  if (state.status === "completed") percent = 100;
  else if (state.status === "importing" && objectCount) {
    percent = Math.min(99, Math.floor((lines / objectCount) * 100));
    const elapsed = state.importStartedAt ? (now - state.importStartedAt.getTime()) / 1000 : 0;
    if (lines > 0 && elapsed > 0) etaSeconds = Math.ceil(((objectCount - lines) / lines) * elapsed);
  }
  return {
    resource: state.resource as SyncResource,
    status: state.status,
    bulkStatus: state.bulkStatus,
    rowsDone: state.rowsDone,
    objectCount,
    percent,
    etaSeconds,
    attempts: state.attempts,
    error: state.error,
    finishedAt: iso(state.finishedAt),
  };
}

function phaseOf(resources: ResourceProgress[]): SyncPhase {
  if (resources.length === 0) return "not-started";
  if (resources.every((r) => r.status === "completed")) return "completed";
  if (resources.every((r) => r.status === "completed" || r.status === "failed"))
    return "completed-with-errors";
  if (resources.some((r) => r.status === "importing")) return "importing";
  if (resources.some((r) => r.status === "pending" && r.error)) return "retrying";
  return "exporting";
}

export interface ImportProgress {
  phase: SyncPhase;
  percent: number;
  etaSeconds: number | null;
  resources: ResourceProgress[];
}

/** The import as its per-resource states say it stands: every resource counts alike in the percentage. */
export function importProgressOf(states: readonly SyncState[], now: number): ImportProgress {
  const resources = SYNC_RESOURCES.flatMap((resource) => {
    const state = states.find((s) => s.resource === resource);
    return state ? [progressOf(state, now)] : [];
  });
  const etas = resources.map((r) => r.etaSeconds).filter((eta): eta is number => eta !== null);
  return {
    phase: phaseOf(resources),
    percent:
      resources.length === 0
        ? 0
        : Math.floor(resources.reduce((sum, r) => sum + r.percent, 0) / resources.length),
    etaSeconds: etas.length > 0 ? Math.max(...etas) : null,
    resources,
  };
}

/** Only the import's progress (one small read), for the page that polls it while the import runs. */
export async function readImportProgress(
  prisma: PrismaClient,
  shopId: number,
  now = Date.now(),
): Promise<ImportProgress> {
  return importProgressOf(await prisma.syncState.findMany({ where: { shopId } }), now);
}

export const importRunning = (phase: SyncPhase) =>
  phase === "exporting" || phase === "importing" || phase === "retrying";

/** Everything the admin shows about history import and webhook health, for one shop. */
export async function syncStatus(
  prisma: PrismaClient,
  shopId: number,
  now = Date.now(),
): Promise<SyncStatus> {
  const states = await prisma.syncState.findMany({ where: { shopId } });
  const progress = importProgressOf(states, now);
  const orders = states.find((s) => s.resource === "orders");
  const lastWebhook = await prisma.webhookEvent.findFirst({
    where: { shopId },
    orderBy: { receivedAt: "desc" },
    select: { receivedAt: true },
  });
  const lastRun = await prisma.reconcileRun.findFirst({ where: { shopId }, orderBy: { startedAt: "desc" } });
  const finishWebhooks = states.map((s) => s.finishWebhookAt).filter((d): d is Date => d !== null);
  return {
    ...progress,
    scopeLimited: orders?.scopeLimited ?? false,
    historyFrom: iso(orders?.historyFrom),
    limitedHistoryDays: LIMITED_ORDER_HISTORY_DAYS,
    lastWebhookAt: iso(lastWebhook?.receivedAt),
    lastFinishWebhookAt: iso(finishWebhooks.sort((a, b) => b.getTime() - a.getTime())[0]),
    reconciliation: lastRun
      ? {
          status: lastRun.status,
          startedAt: lastRun.startedAt.toISOString(),
          finishedAt: iso(lastRun.finishedAt),
          since: lastRun.since.toISOString(),
          fetched: lastRun.fetched,
          missed: {
            orders: lastRun.missedOrders,
            customers: lastRun.missedCustomers,
            checkouts: lastRun.missedCheckouts,
          },
          error: lastRun.error,
        }
      : null,
  };
}
