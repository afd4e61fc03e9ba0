import type { PrismaClient, SyncState } from "@prisma/client";
import type pg from "pg";
import { databaseUrl } from "~/env.server";
import { log } from "~/logger.server";
import { isUnreadable } from "~/sync/records/fields";
import { orderFromGraphql } from "~/sync/records/from-graphql";
import { orderRows } from "~/sync/records/rows";
import type { SyncResource } from "~/sync/wire/admin-queries";
import { assembleBulkRecord } from "~/sync/wire/assemble";
import type { GqlOrder } from "~/sync/wire/graphql-shapes";
import {
  connectBulkWriter,
  isRepeatedOrder,
  OrderBatch,
  writeOrderBatch,
} from "~/sync/write/bulk-orders.server";
import { writeRecords, type WriteResult } from "~/sync/write/graphql-records.server";
import { readBulkRecordChunks, type BulkRecord } from "./jsonl-records.server";
import { BULK_IMPORT_SETTING, requireFullKpiRebuild } from "./kpi-handoff.server";
import { LeaseLostError } from "./lease.server";
import { openResultFile } from "./result-file.server";

export interface ImportOptions {
  batchSize: number;
  leaseMs: number;
  fetchFile: typeof fetch;
  /** Where order batches are written over plain node-postgres (default DATABASE_URL): Prisma's database. */
  databaseUrl?: string;
  /** Called after each committed batch (tests use it to crash mid-import). */
  afterBatch?: (progress: {
    shopId: number;
    resource: SyncResource;
    batches: number;
    byteOffset: number;
  }) => Promise<void> | void;
}

export interface ImportResult {
  records: number;
  written: number;
  skipped: number;
}

/** Where a batch moves the checkpoint: from the offset it expects to the one after its last record. */
interface Checkpoint {
  from: number;
  to: number;
  /** JSONL lines and top-level records (readable or not) in the batch. */
  lines: number;
  records: number;
}

/** How one resource's batches are gathered and committed (each with its checkpoint, in one transaction). */
interface BatchWriter<B> {
  start(): B;
  add(batch: B, record: BulkRecord): void;
  /** Rows written, and records no retry can read (logged, left out). */
  commit(batch: B, checkpoint: Checkpoint): Promise<Pick<WriteResult, "written" | "skipped">>;
  close(): void;
  /** Runs when the import stops, whether it reached the end of the file or not. */
  finish(): Promise<void>;
}

interface Lease {
  shopId: number;
  resource: SyncResource;
  owner: string;
  leaseMs: number;
}

/**
 * Streams the result file from the state's checkpoint and writes it batch by batch. Each batch and its
 * checkpoint (byte offset after the batch, lines and rows counted) commit in one transaction, guarded by
 * the lease and the expected offset, so a crash or a competing worker can neither lose nor repeat a batch.
 * Orders, by far the largest resource, are parsed and turned into COPY text as they stream in and
 * written over plain node-postgres (app/sync/write/bulk-orders.server.ts); customers and checkouts go
 * through writeRecords.
 */
export async function importResultFile(
  prisma: PrismaClient,
  shop: { id: number; currency: string },
  state: SyncState,
  owner: string,
  options: ImportOptions,
): Promise<ImportResult> {
  const resource = state.resource as SyncResource;
  const lease: Lease = { shopId: shop.id, resource, owner, leaseMs: options.leaseMs };
  const offset = Number(state.byteOffset);
  const writer: BatchWriter<unknown> =
    resource === "orders"
      ? orderWriter(prisma, await connectBulkWriter(prisma, options.databaseUrl ?? databaseUrl()), lease)
      : recordWriter(prisma, shop, lease);

  const total: ImportResult = { records: 0, written: 0, skipped: 0 };
  let batches = 0;
  const commit = async (batch: unknown, checkpoint: Checkpoint) => {
    const result = await writer.commit(batch, checkpoint);
    batches += 1;
    total.records += checkpoint.records;
    total.written += result.written;
    total.skipped += result.skipped;
    await options.afterBatch?.({ shopId: shop.id, resource, batches, byteOffset: checkpoint.to });
  };

  // Batches commit one after the other, in file order, while the next ones are read and parsed: the
  // database and the parser work side by side. Up to QUEUED batches wait or run, so a slow commit (a
  // database checkpoint) does not stop the parser at once. A failed commit stops the ones queued after it.
  let chain: Promise<void> = Promise.resolve();
  const queued: Promise<void>[] = [];
  const enqueue = async (batch: unknown, checkpoint: Checkpoint) => {
    while (queued.length >= QUEUED) await queued.shift();
    chain = chain.then(() => commit(batch, checkpoint));
    // Seen as handled now (it is awaited later): a failure while the next batch is being read must not
    // count as an unhandled rejection, which would end the process.
    chain.catch(() => {});
    queued.push(chain);
  };
  let failed = false;
  try {
    const chunks = await openResultFile(options.fetchFile, state.resultUrl!, offset);
    let batch = writer.start();
    let pending: Checkpoint = { from: offset, to: offset, lines: 0, records: 0 };
    for await (const records of readBulkRecordChunks(chunks, offset)) {
      for (const record of records) {
        writer.add(batch, record);
        pending.records += 1;
        pending.lines += record.lines;
        pending.to = record.endOffset;
        if (pending.records >= options.batchSize) {
          await enqueue(batch, pending);
          batch = writer.start();
          pending = { from: pending.to, to: pending.to, lines: 0, records: 0 };
        }
      }
      // Chunks the download has already buffered keep this loop on microtasks: let the database's
      // replies (the batches being written) through at every chunk, or the writer waits on the parser.
      await yieldToIo();
    }
    if (pending.records > 0) await enqueue(batch, pending);
    await chain;
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    // A read error can leave commits running: they finish (or fail) before their connection goes back.
    await chain.catch(() => {});
    writer.close();
    // After a failure, the failure is what the caller hears about; the next attempt finishes again.
    await writer.finish().catch((error: unknown) => {
      if (!failed) throw error;
      log.error("history import could not hand over to the KPI engine", { shopId: shop.id, resource, error });
    });
  }
  return total;
}

const QUEUED = 2;

const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Orders: normalised and turned into COPY lines as they are read; written over node-postgres, with the
 * KPI engine's per-row dirty marks off for the inserted rows (a full rebuild is required instead when
 * the import stops: kpi-handoff.server.ts). Commits do not wait for the WAL flush: a batch lost in a
 * database crash loses its checkpoint with it, and the import simply reads it again.
 */
function orderWriter(prisma: PrismaClient, client: pg.PoolClient, lease: Lease): BatchWriter<OrderBatch> {
  let broken: Error | undefined;
  /** The batch and its checkpoint in one transaction; a server that hangs up mid-batch rolls it back. */
  const commitOrders = async (batch: OrderBatch, checkpoint: Checkpoint, newestOnly: boolean) => {
    try {
      await client.query(BEGIN_BATCH);
      const written = await writeOrderBatch(client, lease.shopId, batch, newestOnly);
      const { rowCount } = await client.query(
        `UPDATE sync_state SET byte_offset = $1, lines_done = lines_done + $2, rows_done = rows_done + $3,
           lease_until = $4::timestamp, updated_at = $5::timestamp
         WHERE shop_id = $6 AND resource = $7 AND lease_owner = $8 AND status = 'importing' AND byte_offset = $9`,
        [
          checkpoint.to,
          checkpoint.lines,
          checkpoint.records,
          new Date(Date.now() + lease.leaseMs).toISOString(),
          new Date().toISOString(),
          lease.shopId,
          lease.resource,
          lease.owner,
          checkpoint.from,
        ],
      );
      if (rowCount !== 1)
        throw new LeaseLostError(`import of ${lease.resource} for shop ${lease.shopId} was taken over`);
      await client.query("COMMIT");
      return { written, skipped: batch.skipped };
    } catch (error) {
      await client.query("ROLLBACK").catch((rollbackError: unknown) => {
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      });
      throw error;
    }
  };
  // The buffers of written batches are filled again by the next ones (QUEUED + 1 at most).
  const spare: Buffer[] = [];
  return {
    start: () => new OrderBatch(spare.pop()),
    add(batch, record) {
      const order = assembleBulkRecord(record.root, record.children) as unknown as GqlOrder;
      try {
        const rows = orderRows(orderFromGraphql(order));
        batch.add(rows.order, rows.refunds);
      } catch (error) {
        if (!isUnreadable(error)) throw error;
        batch.skipped += 1;
        log.warn("unreadable record left out", { shopId: lease.shopId, resource: lease.resource, error });
      }
    },
    async commit(batch, checkpoint) {
      try {
        return await commitOrders(batch, checkpoint, false);
      } catch (error) {
        if (!isRepeatedOrder(error)) throw error;
        return await commitOrders(batch, checkpoint, true);
      } finally {
        spare.push(batch.takeBuffer());
      }
    },
    // A connection whose rollback failed is closed, not handed back to the pool.
    close: () => client.release(broken ?? undefined),
    // Also after a failure: the batches committed so far have no marks either.
    finish: () => requireFullKpiRebuild(prisma, lease.shopId),
  };
}

/** A batch's transaction: see orderWriter. A connection stuck mid-batch is ended by the server. */
const BEGIN_BATCH = [
  "BEGIN",
  "SET LOCAL idle_in_transaction_session_timeout = '120s'",
  "SET LOCAL synchronous_commit = off",
  `SET LOCAL ${BULK_IMPORT_SETTING} = 'on'`,
].join("; ");

/** Customers and checkouts: the records of a batch, written with writeRecords through Prisma. */
function recordWriter(
  prisma: PrismaClient,
  shop: { id: number; currency: string },
  lease: Lease,
): BatchWriter<Record<string, unknown>[]> {
  return {
    start: () => [],
    add(batch, record) {
      batch.push(assembleBulkRecord(record.root, record.children));
    },
    async commit(batch, checkpoint) {
      const result: WriteResult = await prisma.$transaction(
        async (tx) => {
          const written = await writeRecords(tx, shop, lease.resource, batch);
          const { count } = await tx.syncState.updateMany({
            where: {
              shopId: lease.shopId,
              resource: lease.resource,
              leaseOwner: lease.owner,
              status: "importing",
              byteOffset: BigInt(checkpoint.from),
            },
            data: {
              byteOffset: BigInt(checkpoint.to),
              linesDone: { increment: BigInt(checkpoint.lines) },
              rowsDone: { increment: checkpoint.records },
              leaseUntil: new Date(Date.now() + lease.leaseMs),
            },
          });
          if (count !== 1)
            throw new LeaseLostError(`import of ${lease.resource} for shop ${lease.shopId} was taken over`);
          return written;
        },
        { timeout: 120_000 },
      );
      return result;
    },
    close: () => {},
    finish: async () => {},
  };
}
