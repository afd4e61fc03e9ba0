import type { PrismaClient, WebhookStatus } from "@prisma/client";
import { translatorFor } from "~/i18n/catalog.server";
import type { MessageId } from "~/i18n/message-id";
import type { Translator } from "~/i18n/translator";

/** Every state an inbox event can be in; `received` is the only one that is not final. */
export const INBOX_STATES = ["received", "processed", "failed"] as const satisfies readonly WebhookStatus[];

export type InboxCounts = Record<WebhookStatus, number>;

/** How many inbox events are in each state, for one shop or (without `shopId`) for all of them. */
export async function inboxCountsByState(prisma: PrismaClient, shopId?: number): Promise<InboxCounts> {
  const groups = await prisma.webhookEvent.groupBy({
    by: ["status"],
    where: shopId === undefined ? {} : { shopId },
    _count: { _all: true },
  });
  const counts: InboxCounts = { received: 0, processed: 0, failed: 0 };
  for (const group of groups) counts[group.status] = group._count._all;
  return counts;
}

export interface InboxFailure {
  webhookId: string;
  topic: string;
  receivedAt: string;
  /** The stored reason, as the code wrote it. */
  reason: string;
  /** The same in words a merchant can read (English; the Data page words it in the reader's language). */
  explanation: string;
}

/** The shop's failed events, newest first, with their reasons. */
export async function recentInboxFailures(
  prisma: PrismaClient,
  shopId: number,
  limit = 5,
): Promise<InboxFailure[]> {
  const rows = await prisma.webhookEvent.findMany({
    where: { shopId, status: "failed" },
    orderBy: { receivedAt: "desc" },
    take: limit,
    select: { webhookId: true, topic: true, receivedAt: true, error: true },
  });
  return rows.map((row) => {
    const reason = row.error ?? "no reason recorded";
    return {
      webhookId: row.webhookId,
      topic: row.topic,
      receivedAt: row.receivedAt.toISOString(),
      reason,
      explanation: explainInboxFailure(reason),
    };
  });
}

/**
 * Ends a still-waiting event as failed with its reason (the sweeper's last word on an event whose ingest
 * kept failing). Returns false if the event had meanwhile ended some other way.
 */
export async function markInboxEventFailed(
  prisma: PrismaClient,
  shopId: number,
  webhookId: string,
  reason: string,
): Promise<boolean> {
  const updated = await prisma.webhookEvent.updateMany({
    where: { shopId, webhookId, status: "received" },
    data: { status: "failed", error: reason },
  });
  return updated.count === 1;
}

const EXPLANATIONS: [RegExp, MessageId][] = [
  [/(stalled|started) more than allowable/, "data.cause.stalled"],
  [/missing from the queue/, "data.cause.queueLost"],
  [/unparseable|body does not fit|payload is not/, "data.cause.unreadable"],
  [/older than Shopify's/, "data.cause.tooLate"],
  [/in the future/, "data.cause.future"],
  [/^refused /, "data.cause.otherShop"],
  [/unsupported topic/, "data.cause.unsupported"],
];

/** A stored failure reason in plain words; the raw reason stays beside it for whoever investigates. */
export function explainInboxFailure(reason: string, i18n: Translator = translatorFor("en")): string {
  for (const [pattern, words] of EXPLANATIONS) if (pattern.test(reason)) return i18n.t(words);
  return i18n.t("data.cause.keptFailing");
}

export interface InboxHealth {
  counts: InboxCounts;
  /** Still `received` 15 minutes after arrival: the queue is far behind, or the sweeper is not running. */
  overdue: number;
  failures: InboxFailure[];
}

const OVERDUE_AFTER_MS = 15 * 60_000;

/** The shop's webhook inbox as the data page shows it: counts, overdue events and the latest failures. */
export async function inboxHealth(
  prisma: PrismaClient,
  shopId: number,
  now = Date.now(),
): Promise<InboxHealth> {
  const [counts, overdue, failures] = await Promise.all([
    inboxCountsByState(prisma, shopId),
    prisma.webhookEvent.count({
      where: { shopId, status: "received", receivedAt: { lte: new Date(now - OVERDUE_AFTER_MS) } },
    }),
    recentInboxFailures(prisma, shopId),
  ]);
  return { counts, overdue, failures };
}
