import type { Prisma } from "@prisma/client";

/**
 * Every write of one order (a version, a refund, its deletion) takes this lock first, before any row
 * lock. A refund and an update of the same order, applied together, otherwise lock in opposite orders:
 * refunds/create inserts the refund and then marks the KPI days and customer dirty, while orders/updated
 * marks them and then upserts the same refund (orders carry their refunds), so each waited for the
 * other. An advisory lock rather than the order row because the order may not be stored yet.
 */
export async function lockOrderForWrite(
  tx: Prisma.TransactionClient,
  shopId: number,
  orderId: bigint,
): Promise<void> {
  await lockOrdersForWrite(tx, shopId, [orderId]);
}

/** The same lock for a batch of orders, taken in ascending key order so two batches cannot wait in a cycle. */
export async function lockOrdersForWrite(
  tx: Prisma.TransactionClient,
  shopId: number,
  orderIds: readonly bigint[],
): Promise<void> {
  if (orderIds.length === 0) return;
  const names = [...new Set(orderIds.map((id) => `pulse:order:${shopId}:${id}`))];
  // Sorted in the subquery (OFFSET 0 keeps it from being flattened): the locks are taken in that order.
  await tx.$executeRaw`
    SELECT pg_advisory_xact_lock(k)
    FROM (SELECT DISTINCT hashtextextended(n, 0) AS k FROM unnest(${names}::text[]) AS n ORDER BY k OFFSET 0) AS keys`;
}
