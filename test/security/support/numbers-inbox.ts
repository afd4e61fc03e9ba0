/**
 * Stores webhook bodies in the inbox as the intake does and applies them with the worker's own function,
 * directly: no queue, so no retry hides a failure.
 */
import crypto from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { applyWebhookEvent, type ApplyOutcome } from "~/sync/events/apply-event.server";

export async function storeEvent(
  prisma: PrismaClient,
  shopId: number,
  topic: string,
  payload: unknown,
  triggeredAt: Date,
): Promise<string> {
  const webhookId = crypto.randomUUID();
  await prisma.webhookEvent.create({
    data: { shopId, webhookId, topic, payload: payload as object, triggeredAt },
  });
  return webhookId;
}

export async function deliver(
  prisma: PrismaClient,
  shopId: number,
  topic: string,
  payload: unknown,
  triggeredAt: Date,
): Promise<ApplyOutcome> {
  return applyWebhookEvent(prisma, shopId, await storeEvent(prisma, shopId, topic, payload, triggeredAt));
}
