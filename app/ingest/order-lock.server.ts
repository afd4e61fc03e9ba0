import type { Prisma } from "@prisma/client";

/**
 * Every write of one order (a version, a refund, its deletion) takes this lock first, before any row
 * lock. A refund and an update of the same order, applied together, otherwise lock in opposite orders:
 * refunds/create inserts the refund and then marks the KPI days and customer dirty, while orders/updated
 * marks them and then upserts the same refund (orders carry their refunds), so each waited for the
 * other. An advisory lock rather than the order row because the order may not be stored yet.
 */
export async function lockOrderForWrite(tx: Prisma.TransactionClient, shopId: number, orderId: bigint): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`pulse:order:${shopId}:${orderId}`}, 0))`;
}
