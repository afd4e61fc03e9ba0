import { randomUUID } from "node:crypto";
import type { PrismaClient, SyncState } from "@prisma/client";
import type { AdminGraphql } from "~/admin-api/graphql.server";
import { log } from "~/logger.server";
import {
  BULK_STARTING,
  BulkOperationRefused,
  fetchAccessScopes,
  fetchBulkOperation,
  startBulkOperation,
} from "./bulk-operation.server";
import { importResultFile } from "./import-file.server";
import { FRESH_PROGRESS } from "./fresh-progress";
import { acquireLeaseSoon, LeaseLostError, releaseLease } from "./lease.server";
import { LIMITED_ORDER_HISTORY_DAYS, type BackfillOptions } from "./options";
import { bulkQueryFor, SYNC_RESOURCES, type SyncResource } from "~/sync/wire/admin-queries";
import { ResultExpiredError } from "./result-file.server";
import { refreshShopBasics } from "./shop-basics.server";

export interface BackfillDeps {
  prisma: PrismaClient;
  graphqlFor: (shopDomain: string) => Promise<AdminGraphql>;
  options: BackfillOptions;
  fetchFile?: typeof fetch;
  /** The database URL order batches are written to over node-postgres (default DATABASE_URL): Prisma's database. */
  databaseUrl?: string;
  afterBatch?: Parameters<typeof importResultFile>[4]["afterBatch"];
  /** Runs once when the last resource of an import reaches a final state (the KPI rebuild hooks in). */
  onFinished?: (shopId: number) => Promise<void>;
}

/** What the caller (the backfill job) should do next. */
export type AdvanceOutcome =
  | { kind: "wait"; delayMs: number } // a bulk operation is running, or a retry is due: come back later
  | { kind: "finished" } // every resource is completed or failed
  | { kind: "busy" } // another worker holds the import
  | { kind: "idle" }; // nothing was asked for

type Shop = { id: number; domain: string; currency: string };
type Step = { kind: "wait"; delayMs: number } | { kind: "next" };

/**
 * Moves a shop's history import as far as it can go now: start a bulk operation, check it, import its
 * file, retry a failed/expired one, resource after resource (customers, orders, checkouts). Safe to
 * call any time from any worker: it is a state machine on SyncState rows, one lease-holder at a time.
 */
export async function advanceBackfill(deps: BackfillDeps, shopId: number): Promise<AdvanceOutcome> {
  const shop = await deps.prisma.shop.findUniqueOrThrow({
    where: { id: shopId },
    select: { id: true, domain: true, currency: true },
  });
  let graphql: AdminGraphql | undefined;
  const client = async () => (graphql ??= await deps.graphqlFor(shop.domain));
  let reachedEnd = false;

  for (;;) {
    const states = await deps.prisma.syncState.findMany({ where: { shopId } });
    if (states.length === 0) return { kind: "idle" };
    // A fresh import: learn the shop's currency and timezone before any row is bucketed.
    if (!reachedEnd && states.every((s) => s.status === "pending" && !s.bulkOperationId)) {
      await refreshShopBasics(deps.prisma, await client(), shopId);
    }
    const current = SYNC_RESOURCES.map((resource) => states.find((s) => s.resource === resource)).find(
      (state): state is SyncState => !!state && state.status !== "completed" && state.status !== "failed",
    );
    if (!current) {
      if (reachedEnd) await deps.onFinished?.(shopId);
      return { kind: "finished" };
    }
    const owner = randomUUID();
    if (!(await acquireLeaseSoon(deps.prisma, shopId, current.resource, owner, deps.options.leaseMs)))
      return { kind: "busy" };
    try {
      const step = await stepResource(deps, shop, current.resource as SyncResource, owner, client);
      if (step.kind === "wait") return step;
      reachedEnd = true;
    } catch (error) {
      if (error instanceof LeaseLostError) return { kind: "busy" };
      throw error;
    } finally {
      await releaseLease(deps.prisma, shopId, current.resource, owner);
    }
  }
}

async function stepResource(
  deps: BackfillDeps,
  shop: Shop,
  resource: SyncResource,
  owner: string,
  client: () => Promise<AdminGraphql>,
): Promise<Step> {
  const { prisma, options } = deps;
  const where = { shopId_resource: { shopId: shop.id, resource } };
  const load = () => prisma.syncState.findUniqueOrThrow({ where });

  let state = await load();
  if (state.status === "pending") {
    const graphql = await client();
    let scope = {};
    if (resource === "orders") {
      // Without read_all_orders Shopify silently returns only recent orders: record it to tell the merchant.
      const limited = !(await fetchAccessScopes(graphql)).includes("read_all_orders");
      scope = {
        scopeLimited: limited,
        historyFrom: limited ? new Date(Date.now() - LIMITED_ORDER_HISTORY_DAYS * 86_400_000) : null,
      };
    }
    // Marked before Shopify is asked: a small export can finish, and its webhook arrive, before the
    // operation's id is written below. The finish handler notes such a finish on this mark.
    await prisma.syncState.update({ where, data: { bulkStatus: BULK_STARTING, finishWebhookAt: null } });
    let finishedEarly = false;
    try {
      const operation = await startBulkOperation(graphql, bulkQueryFor(resource));
      const started = await prisma.syncState.update({
        where,
        data: {
          ...scope,
          status: "running",
          bulkOperationId: operation.id,
          bulkStatus: operation.status,
          attempts: { increment: 1 },
          startedAt: state.startedAt ?? new Date(),
          ...FRESH_PROGRESS,
        },
      });
      log.info("bulk operation started", { shopId: shop.id, resource, operation: operation.id });
      finishedEarly = started.finishWebhookAt !== null;
    } catch (error) {
      if (!(error instanceof BulkOperationRefused)) throw error;
      await prisma.syncState.update({ where, data: { attempts: { increment: 1 } } });
      return retryOrFail(deps, shop.id, resource, `Shopify refused the export: ${error.message}`);
    }
    // A finish already noted: look at the operation now rather than at the next poll.
    return { kind: "wait", delayMs: finishedEarly ? 0 : options.pollMs };
  }

  if (state.status === "running") {
    const operation = await fetchBulkOperation(await client(), state.bulkOperationId!);
    if (!operation) return retryOrFail(deps, shop.id, resource, "Shopify no longer knows the export");
    const objectCount = operation.objectCount === null ? null : BigInt(operation.objectCount);
    switch (operation.status) {
      case "CREATED":
      case "RUNNING":
      case "CANCELING":
        await prisma.syncState.update({ where, data: { bulkStatus: operation.status, objectCount } });
        return { kind: "wait", delayMs: options.pollMs };
      case "COMPLETED":
        if (!operation.url) {
          // Nothing to export (an empty store answers with no file).
          await prisma.syncState.update({
            where,
            data: {
              bulkStatus: operation.status,
              objectCount,
              status: "completed",
              finishedAt: new Date(),
              error: null,
            },
          });
          return { kind: "next" };
        }
        await startImport(prisma, where, operation.status, objectCount, operation.url, false, null);
        break;
      case "FAILED":
        if (operation.partialDataUrl) {
          // Keep what Shopify did export; a retry (if any remains) then fetches the rest.
          await startImport(
            prisma,
            where,
            operation.status,
            objectCount,
            operation.partialDataUrl,
            true,
            operation.errorCode,
          );
          break;
        }
        return retryOrFail(
          deps,
          shop.id,
          resource,
          `Shopify's export failed (${operation.errorCode ?? "no error code"})`,
          operation.status,
          operation.errorCode,
        );
      case "CANCELED":
      case "EXPIRED":
        return retryOrFail(
          deps,
          shop.id,
          resource,
          `Shopify's export was ${operation.status.toLowerCase()}`,
          operation.status,
        );
    }
    state = await load();
  }

  if (state.status === "importing") {
    try {
      const result = await importResultFile(prisma, shop, state, owner, {
        batchSize: options.batchSize,
        leaseMs: options.leaseMs,
        fetchFile: deps.fetchFile ?? fetch,
        databaseUrl: deps.databaseUrl,
        afterBatch: deps.afterBatch,
      });
      log.info("bulk result imported", { shopId: shop.id, resource, ...result, partial: state.partialData });
    } catch (error) {
      if (!(error instanceof ResultExpiredError)) throw error;
      return retryOrFail(
        deps,
        shop.id,
        resource,
        "the export file expired before it was fully imported",
        "EXPIRED",
      );
    }
    if (state.partialData) {
      return retryOrFail(
        deps,
        shop.id,
        resource,
        `Shopify's export failed (${state.errorCode ?? "no error code"}); the part it produced was imported`,
      );
    }
    await prisma.syncState.update({
      where,
      data: { status: "completed", finishedAt: new Date(), error: null },
    });
    return { kind: "next" };
  }
  return { kind: "next" };
}

async function startImport(
  prisma: PrismaClient,
  where: { shopId_resource: { shopId: number; resource: string } },
  bulkStatus: string,
  objectCount: bigint | null,
  url: string,
  partialData: boolean,
  errorCode: string | null,
): Promise<void> {
  await prisma.syncState.update({
    where,
    data: {
      status: "importing",
      bulkStatus,
      objectCount,
      resultUrl: url,
      partialData,
      errorCode,
      importStartedAt: new Date(),
      byteOffset: 0n,
      linesDone: 0n,
      rowsDone: 0,
    },
  });
}

/** Another bulk operation while attempts remain (after a pause), else a clear, final failure. */
async function retryOrFail(
  deps: BackfillDeps,
  shopId: number,
  resource: SyncResource,
  reason: string,
  bulkStatus?: string,
  errorCode?: string | null,
): Promise<Step> {
  const state = await deps.prisma.syncState.findUniqueOrThrow({
    where: { shopId_resource: { shopId, resource } },
  });
  const retry = state.attempts < deps.options.maxAttempts;
  await deps.prisma.syncState.update({
    where: { shopId_resource: { shopId, resource } },
    data: {
      status: retry ? "pending" : "failed",
      error: retry
        ? `${reason}; retrying (attempt ${state.attempts + 1} of ${deps.options.maxAttempts})`
        : reason,
      ...(bulkStatus ? { bulkStatus } : {}),
      ...(errorCode !== undefined ? { errorCode } : {}),
      ...(retry ? {} : { finishedAt: new Date() }),
    },
  });
  log.warn(retry ? "bulk import will be retried" : "bulk import failed", {
    shopId,
    resource,
    reason,
    attempts: state.attempts,
  });
  return retry ? { kind: "wait", delayMs: deps.options.retryDelayMs } : { kind: "next" };
}
