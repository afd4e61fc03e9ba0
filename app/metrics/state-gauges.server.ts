import { WebhookStatus, type PrismaClient } from "@prisma/client";
import { Gauge } from "prom-client";
import type { Queues } from "~/jobs/producer.server";
import { metrics } from "./registry.server";

/** Where scrape-time gauges read from: the process's own database client and producer queues. */
export interface StateSources {
  prisma: () => PrismaClient;
  queues: () => Queues;
}

/** A scrape must answer even while a dependency hangs: each source gets this long, then reads as down. */
export const STATE_TIMEOUT_MS = 2_000;

const QUEUE_STATES = ["waiting", "prioritized", "active", "delayed", "failed"] as const;

interface StateGauges {
  inboxEvents: Gauge<"state">;
  inboxOldestReceived: Gauge;
  queueJobs: Gauge<"queue" | "state">;
  importShops: Gauge;
  importResources: Gauge<"status">;
  importLines: Gauge<"count">;
  importRows: Gauge;
  sourceUp: Gauge<"source">;
}

declare global {
  var __pulseStateGauges: StateGauges | undefined;
}

function gauges(): StateGauges {
  if (globalThis.__pulseStateGauges) return globalThis.__pulseStateGauges;
  const registers = [metrics().registry];
  globalThis.__pulseStateGauges = {
    inboxEvents: new Gauge({
      name: "pulse_inbox_events",
      help: "Webhook inbox events not processed, by state (received: waiting for ingest; failed: given up, with a reason)",
      labelNames: ["state"],
      registers,
    }),
    inboxOldestReceived: new Gauge({
      name: "pulse_inbox_oldest_received_age_seconds",
      help: "Age of the oldest inbox event still received (inbox lag); 0 when none waits",
      registers,
    }),
    queueJobs: new Gauge({
      name: "pulse_queue_jobs",
      help: "Jobs in each queue by state (waiting, prioritized, active, delayed, failed)",
      labelNames: ["queue", "state"],
      registers,
    }),
    importShops: new Gauge({
      name: "pulse_import_shops",
      help: "Shops whose history import is under way (any resource pending, running or importing)",
      registers,
    }),
    importResources: new Gauge({
      name: "pulse_import_resources",
      help: "History imports of one resource of one shop, by status",
      labelNames: ["status"],
      registers,
    }),
    importLines: new Gauge({
      name: "pulse_import_lines",
      help: "Bulk-operation lines of the imports under way: done, and total where Shopify has counted them",
      labelNames: ["count"],
      registers,
    }),
    importRows: new Gauge({
      name: "pulse_import_rows_done",
      help: "Top-level records (customers, orders, checkouts) imported so far by the imports under way",
      registers,
    }),
    sourceUp: new Gauge({
      name: "pulse_metrics_source_up",
      help: "Whether the last scrape could read a source of gauges (inbox, imports, queues): 1 yes, 0 no",
      labelNames: ["source"],
      registers,
    }),
  };
  return globalThis.__pulseStateGauges;
}

/** Reads the gauges that describe shared state (database rows, queue lengths) at scrape time. */
export async function refreshStateGauges(sources: StateSources): Promise<void> {
  const g = gauges();
  await Promise.all([
    refresh("inbox", () => refreshInbox(sources.prisma(), g), [g.inboxEvents, g.inboxOldestReceived]),
    refresh("imports", () => refreshImports(sources.prisma(), g), [
      g.importShops,
      g.importResources,
      g.importLines,
      g.importRows,
    ]),
    refresh("queues", () => refreshQueues(sources.queues(), g), [g.queueJobs]),
  ]);
}

async function refresh(source: string, read: () => Promise<void>, owned: Gauge<string>[]): Promise<void> {
  const { sourceUp } = gauges();
  try {
    await withTimeout(read(), STATE_TIMEOUT_MS);
    sourceUp.set({ source }, 1);
  } catch {
    // Stale numbers would read as true ones: drop them, and say the source is down.
    for (const gauge of owned) gauge.reset();
    sourceUp.set({ source }, 0);
  }
}

async function refreshInbox(prisma: PrismaClient, g: StateGauges): Promise<void> {
  // Processed rows are most of the table (and pruned): they are left out, so the scan stays small.
  const rows = await prisma.$queryRaw<{ state: string; events: bigint; oldest_age: number | null }[]>`
    SELECT status::text AS state, count(*) AS events,
      EXTRACT(EPOCH FROM now() - min(received_at))::float8 AS oldest_age
    FROM webhook_event WHERE status <> 'processed' GROUP BY status`;
  g.inboxEvents.reset();
  for (const state of Object.values(WebhookStatus)) {
    if (state !== "processed") g.inboxEvents.set({ state }, 0);
  }
  let oldest = 0;
  for (const row of rows) {
    g.inboxEvents.set({ state: row.state }, Number(row.events));
    if (row.state === "received") oldest = Math.max(0, row.oldest_age ?? 0);
  }
  g.inboxOldestReceived.set(oldest);
}

async function refreshImports(prisma: PrismaClient, g: StateGauges): Promise<void> {
  const [byStatus, [active]] = await Promise.all([
    prisma.$queryRaw<{ status: string; resources: bigint }[]>`
      SELECT status::text AS status, count(*) AS resources FROM sync_state GROUP BY status`,
    prisma.$queryRaw<
      { shops: bigint; lines_done: bigint | null; lines_total: bigint | null; rows: bigint | null }[]
    >`
      SELECT count(DISTINCT shop_id) AS shops, sum(lines_done)::bigint AS lines_done,
        sum(object_count)::bigint AS lines_total, sum(rows_done)::bigint AS rows
      FROM sync_state WHERE status IN ('pending', 'running', 'importing')`,
  ]);
  g.importResources.reset();
  for (const row of byStatus) g.importResources.set({ status: row.status }, Number(row.resources));
  g.importShops.set(Number(active?.shops ?? 0));
  g.importLines.set({ count: "done" }, Number(active?.lines_done ?? 0));
  g.importLines.set({ count: "total" }, Number(active?.lines_total ?? 0));
  g.importRows.set(Number(active?.rows ?? 0));
}

async function refreshQueues(queues: Queues, g: StateGauges): Promise<void> {
  const all = [
    queues.ingest,
    queues.inboxSweep,
    queues.backfill,
    queues.reconcile,
    queues.recompute,
    queues.clvModel,
    queues.digest,
    queues.privacy,
  ];
  const counts = await Promise.all(all.map((queue) => queue.getJobCounts(...QUEUE_STATES)));
  all.forEach((queue, index) => {
    for (const state of QUEUE_STATES)
      g.queueJobs.set({ queue: queue.name, state }, counts[index]![state] ?? 0);
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
