import type { PrismaClient, SyncState } from "@prisma/client";
import { readBulkRecords, type BulkRecord } from "./jsonl-records.server";
import { assembleBulkRecord } from "./assemble";
import { LeaseLostError } from "./lease.server";
import type { SyncResource } from "./queries";
import { openResultFile } from "./result-file.server";
import { writeRecords } from "./write-records.server";

export interface ImportOptions {
  batchSize: number;
  leaseMs: number;
  fetchFile: typeof fetch;
  /** Called after each committed batch (tests use it to crash mid-import). */
  afterBatch?: (progress: { shopId: number; resource: SyncResource; batches: number; byteOffset: number }) => Promise<void> | void;
}

export interface ImportResult {
  records: number;
  written: number;
  skipped: number;
}

/**
 * Streams the result file from the state's checkpoint and writes it batch by batch. Each batch and its
 * checkpoint (byte offset after the batch, lines and rows counted) commit in one transaction, guarded by
 * the lease and the expected offset, so a crash or a competing worker can neither lose nor repeat a batch.
 */
export async function importResultFile(
  prisma: PrismaClient,
  shop: { id: number; currency: string },
  state: SyncState,
  owner: string,
  options: ImportOptions,
): Promise<ImportResult> {
  const resource = state.resource as SyncResource;
  let offset = Number(state.byteOffset);
  const chunks = await openResultFile(options.fetchFile, state.resultUrl!, offset);
  const total: ImportResult = { records: 0, written: 0, skipped: 0 };
  let batches = 0;

  const commit = async (batch: BulkRecord[]) => {
    const end = batch[batch.length - 1]!.endOffset;
    const lines = batch.reduce((sum, record) => sum + record.lines, 0);
    const records = batch.map((record) => assembleBulkRecord(record.root, record.children));
    const result = await prisma.$transaction(
      async (tx) => {
        const written = await writeRecords(tx, shop, resource, records);
        const { count } = await tx.syncState.updateMany({
          where: { shopId: shop.id, resource, leaseOwner: owner, status: "importing", byteOffset: BigInt(offset) },
          data: {
            byteOffset: BigInt(end),
            linesDone: { increment: BigInt(lines) },
            rowsDone: { increment: records.length },
            leaseUntil: new Date(Date.now() + options.leaseMs),
          },
        });
        if (count !== 1) throw new LeaseLostError(`import of ${resource} for shop ${shop.id} was taken over`);
        return written;
      },
      { timeout: 120_000 },
    );
    offset = end;
    batches += 1;
    total.records += result.records;
    total.written += result.written;
    total.skipped += result.skipped;
    await options.afterBatch?.({ shopId: shop.id, resource, batches, byteOffset: end });
  };

  // One batch commits while the next is read and parsed: the database and the parser work side by side.
  let inFlight: Promise<void> = Promise.resolve();
  let batch: BulkRecord[] = [];
  for await (const record of readBulkRecords(chunks, offset)) {
    batch.push(record);
    if (batch.length >= options.batchSize) {
      await inFlight;
      inFlight = commit(batch);
      batch = [];
    }
  }
  await inFlight;
  if (batch.length > 0) await commit(batch);
  return total;
}
