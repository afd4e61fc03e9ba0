import type { Prisma } from "@prisma/client";
import { wakeBackfill } from "./wake.server";

type Tx = Prisma.TransactionClient;

interface BulkFinishPayload {
  admin_graphql_api_id?: string;
  status?: string;
  error_code?: string | null;
}

/**
 * bulk_operations/finish: notes the arrival on the import it belongs to and wakes the backfill job,
 * which asks Shopify for the operation's status and file itself (the webhook only says "go and look").
 * A finish for an operation we no longer track (an older retry) changes nothing.
 */
export async function recordBulkOperationFinish(tx: Tx, shopId: number, payload: BulkFinishPayload): Promise<void> {
  const operationId = payload.admin_graphql_api_id;
  if (!operationId) return;
  const { count } = await tx.syncState.updateMany({
    where: { shopId, bulkOperationId: operationId },
    data: { finishWebhookAt: new Date() },
  });
  if (count > 0) await wakeBackfill(shopId, "bulk-finished");
}
