import type { PrismaClient } from "@prisma/client";
import type { AdminGraphql } from "~/admin-api/graphql.server";
import { log } from "~/logger.server";
import type {
  ChangedCheckoutsQuery,
  ChangedCustomersQuery,
  ChangedOrdersQuery,
} from "~/types/admin.generated";
import { flattenConnections } from "~/sync/wire/assemble";
import { pageQueryFor, pageVariables, SYNC_RESOURCES, type SyncResource } from "~/sync/wire/admin-queries";
import { writeRecords } from "~/sync/write/graphql-records.server";

export interface ReconcileOptions {
  /** Re-read this much before the last good run's start: clocks drift and in-flight writes land late. */
  overlapMs: number;
  /** First run with no earlier run or import to start from. */
  firstRunLookbackMs: number;
}

export const defaultReconcileOptions: ReconcileOptions = {
  overlapMs: 60 * 60_000,
  firstRunLookbackMs: 2 * 86_400_000,
};

export interface ReconcileDeps {
  prisma: PrismaClient;
  graphqlFor: (shopDomain: string) => Promise<AdminGraphql>;
  options?: Partial<ReconcileOptions>;
  onReconciled?: (shopId: number, repaired: number) => Promise<void>;
}

export interface ReconcileSummary {
  runId: number;
  since: Date;
  fetched: number;
  missed: Record<SyncResource, number>;
}

/**
 * Daily repair of missed webhooks: fetches every order, customer and abandoned checkout Shopify changed
 * since the last successful run (minus an overlap), upserts them under the newer-wins rule, and counts
 * the rows our database lacked or held in an older version: the webhooks we never got.
 */
export async function reconcileShop(deps: ReconcileDeps, shopId: number): Promise<ReconcileSummary> {
  const options = { ...defaultReconcileOptions, ...deps.options };
  const { prisma } = deps;
  const shop = await prisma.shop.findUniqueOrThrow({
    where: { id: shopId },
    select: { id: true, domain: true, currency: true },
  });
  // A run's start, not the newest change it read: checkouts are paged in id order, so a change made while
  // a run pages may land behind its cursor, and only a start-based window is sure to include it next time.
  const since = await reconcileSince(prisma, shopId, options);
  const run = await prisma.reconcileRun.create({ data: { shopId, since } });
  const missed: Record<SyncResource, number> = { customers: 0, orders: 0, checkouts: 0 };
  let fetched = 0;
  try {
    const graphql = await deps.graphqlFor(shop.domain);
    for (const resource of SYNC_RESOURCES) {
      for await (const page of changedPages(graphql, resource, since)) {
        const result = await prisma.$transaction((tx) => writeRecords(tx, shop, resource, page), {
          timeout: 60_000,
        });
        fetched += result.records;
        missed[resource] += result.written;
      }
    }
  } catch (error) {
    await prisma.reconcileRun.update({
      where: { shopId_id: { shopId, id: run.id } },
      data: {
        status: "failed",
        finishedAt: new Date(),
        fetched,
        error: error instanceof Error ? error.message : String(error),
      },
    });
    throw error;
  }
  await prisma.reconcileRun.update({
    where: { shopId_id: { shopId, id: run.id } },
    data: {
      status: "succeeded",
      finishedAt: new Date(),
      fetched,
      missedOrders: missed.orders,
      missedCustomers: missed.customers,
      missedCheckouts: missed.checkouts,
    },
  });
  const repaired = missed.orders + missed.customers + missed.checkouts;
  log.info("reconciliation finished", { shopId, since, fetched, ...missed });
  await deps.onReconciled?.(shopId, repaired);
  return { runId: run.id, since, fetched, missed };
}

/**
 * The later of the last successful run's start and the latest history import's start (an import reads
 * everything up to its start, e.g. after a reinstall), else a short lookback; minus the overlap.
 */
async function reconcileSince(
  prisma: PrismaClient,
  shopId: number,
  options: ReconcileOptions,
): Promise<Date> {
  const lastRun = await prisma.reconcileRun.findFirst({
    where: { shopId, status: "succeeded" },
    orderBy: { startedAt: "desc" },
    select: { startedAt: true },
  });
  const backfill = await prisma.syncState.findFirst({
    where: { shopId, startedAt: { not: null } },
    orderBy: { startedAt: "asc" },
    select: { startedAt: true },
  });
  const starts = [lastRun?.startedAt, backfill?.startedAt].filter(
    (date): date is Date => date instanceof Date,
  );
  const from =
    starts.length > 0
      ? new Date(Math.max(...starts.map((date) => date.getTime())))
      : new Date(Date.now() - options.firstRunLookbackMs);
  return new Date(from.getTime() - options.overlapMs);
}

/** One page of each reconciliation query; each answer holds its own resource's connection. */
type ChangedPage = Partial<ChangedCustomersQuery & ChangedOrdersQuery & ChangedCheckoutsQuery>;

async function* changedPages(
  graphql: AdminGraphql,
  resource: SyncResource,
  since: Date,
): AsyncGenerator<Record<string, unknown>[]> {
  const field = resource === "checkouts" ? "abandonedCheckouts" : resource;
  let after: string | null = null;
  for (;;) {
    const response: { data: ChangedPage } = await graphql<ChangedPage>(
      pageQueryFor(resource),
      pageVariables(resource, since, after),
    );
    const connection = response.data[field]!;
    if (connection.nodes.length > 0) yield flattenConnections<Record<string, unknown>[]>(connection.nodes);
    if (!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor) return;
    after = connection.pageInfo.endCursor;
  }
}
