import type { Prisma } from "@prisma/client";
import { BULK_STARTING } from "./bulk-operation.server";
import { wakeBackfill, type BackfillWaker } from "./wake.server";

type Tx = Prisma.TransactionClient;

interface BulkFinishPayload {
  admin_graphql_api_id?: string;
  status?: string;
  error_code?: string | null;
}

/**
 * bulk_operations/finish: notes the arrival on the import it belongs to and wakes the backfill job,
 * which asks Shopify for the operation's status and file itself (the webhook only says "go and look").
 * A finish for an operation we no longer track (an older retry) changes nothing, except while an export
 * is being requested (see BULK_STARTING).
 */
export async function recordBulkOperationFinish(
  tx: Tx,
  shopId: number,
  payload: BulkFinishPayload,
  wake?: BackfillWaker,
): Promise<void> {
  const operationId = payload.admin_graphql_api_id;
  if (!operationId) return;
  // Also the export being requested right now, whose id the worker writes once Shopify has answered: it
  // then sees this note and looks at once (at worst a stale finish costs it one status query). One
  // statement, so a worker writing the id meanwhile cannot slip between two.
  const { count } = await tx.syncState.updateMany({
    where: {
      shopId,
      OR: [{ bulkOperationId: operationId }, { bulkOperationId: null, bulkStatus: BULK_STARTING }],
    },
    data: { finishWebhookAt: new Date() },
  });
  if (count > 0) await (wake ?? wakeBackfill)(shopId, "bulk-finished");
}
