import type { Prisma, PrismaClient } from "@prisma/client";
import { ensureShop } from "~/shops/ensure-shop.server";
import type { InboxRow, InboxWriter, StoredRow } from "./inbox-writer.server";

// PostgreSQL's SQLSTATE for an insert whose shop row is gone.
const FOREIGN_KEY_VIOLATION = "23503";

export interface InboxEvent {
  shopId: number;
  webhookId: string;
  topic: string;
  eventId?: string | null;
  apiVersion?: string | null;
  triggeredAt?: Date | null;
  payload: Prisma.InputJsonValue | null;
  /** Set for a validly signed body that cannot be acted on (unparseable, not its topic's, stale). */
  failure?: string;
}

const shopIds = new Map<string, number>();

/** The shop's row id, creating the row on its first webhook (a signed webhook proves the shop). */
export async function shopIdFor(prisma: PrismaClient, domain: string): Promise<number> {
  const cached = shopIds.get(domain);
  if (cached !== undefined) return cached;
  const shop = await ensureShop(prisma, domain);
  shopIds.set(domain, shop.id);
  return shop.id;
}

/** The shop's row if the app knows the shop, without creating one. */
export async function findShop(
  prisma: PrismaClient,
  domain: string,
): Promise<{ id: number; shopifyId: bigint | null } | null> {
  return prisma.shop.findUnique({ where: { domain }, select: { id: true, shopifyId: true } });
}

/**
 * Stores an event of the shop with this domain, creating the shop on its first webhook. A cached id
 * whose row is gone (a purged shop sending again) is looked up afresh once.
 */
export async function storeShopEvent(
  prisma: PrismaClient,
  inbox: InboxWriter,
  domain: string,
  event: Omit<InboxRow, "shopId">,
): Promise<{ shopId: number } & StoredRow> {
  let shopId = await shopIdFor(prisma, domain);
  try {
    return { shopId, ...(await inbox.store({ ...event, shopId })) };
  } catch (error) {
    if ((error as { code?: unknown }).code !== FOREIGN_KEY_VIOLATION) throw error;
    forgetShopId(domain);
    shopId = await shopIdFor(prisma, domain);
    return { shopId, ...(await inbox.store({ ...event, shopId })) };
  }
}

/** Forgets cached shop ids (a purged shop gets a new row if it ever sends again). */
export function forgetShopId(domain?: string) {
  if (domain) shopIds.delete(domain);
  else shopIds.clear();
}

/**
 * Stores the event through Prisma (fixtures and jobs; the HTTP intake writes through InboxWriter)
 * unless that (shop, webhook id) is already in the inbox. Returns the stored status:
 * "new" for a first delivery, otherwise the existing row's state so the caller can decide whether a
 * redelivery should nudge the queue again.
 */
export async function storeInboxEvent(
  prisma: PrismaClient,
  event: InboxEvent,
): Promise<{ isNew: boolean; status: "received" | "processed" | "failed"; enqueued: boolean }> {
  const inserted = await prisma.webhookEvent.createMany({
    data: [
      {
        shopId: event.shopId,
        webhookId: event.webhookId,
        topic: event.topic,
        eventId: event.eventId ?? null,
        apiVersion: event.apiVersion ?? null,
        triggeredAt: event.triggeredAt ?? null,
        payload: event.payload ?? undefined,
        status: event.failure ? "failed" : "received",
        error: event.failure ?? null,
      },
    ],
    skipDuplicates: true,
  });
  if (inserted.count === 1)
    return { isNew: true, status: event.failure ? "failed" : "received", enqueued: false };
  const existing = await prisma.webhookEvent.findUniqueOrThrow({
    where: { shopId_webhookId: { shopId: event.shopId, webhookId: event.webhookId } },
    select: { status: true, enqueuedAt: true },
  });
  return { isNew: false, status: existing.status, enqueued: existing.enqueuedAt !== null };
}
