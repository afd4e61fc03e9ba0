import type { Prisma, PrismaClient } from "@prisma/client";
import { FRESH_PROGRESS } from "./fresh-progress";
import { SYNC_RESOURCES } from "~/sync/wire/admin-queries";

/**
 * Asks for a history import of every resource. Without `force` it only starts one for a shop that never
 * had one (install); with it (the merchant's "import again") it restarts from scratch: a worker busy on
 * the old one loses its lease check at its next checkpoint and stops. Returns whether an import was queued.
 */
export async function requestBackfill(
  prisma: PrismaClient,
  shopId: number,
  options: { force?: boolean } = {},
): Promise<boolean> {
  const existing = await prisma.syncState.count({ where: { shopId } });
  if (existing > 0 && !options.force) return false;
  await prisma.$transaction((tx) => writeFreshSyncStates(tx, shopId));
  return true;
}

/** Every resource of the shop set to "pending, nothing done yet": the next backfill job starts a new import. */
export async function writeFreshSyncStates(tx: Prisma.TransactionClient, shopId: number): Promise<void> {
  const fresh = {
    status: "pending" as const,
    attempts: 0,
    bulkOperationId: null,
    bulkStatus: null,
    ...FRESH_PROGRESS,
    leaseOwner: null,
    leaseUntil: null,
    requestedAt: new Date(),
    startedAt: null,
    finishedAt: null,
    error: null,
  };
  for (const resource of SYNC_RESOURCES) {
    await tx.syncState.upsert({
      where: { shopId_resource: { shopId, resource } },
      create: { shopId, resource, ...fresh },
      update: fresh,
    });
  }
}
