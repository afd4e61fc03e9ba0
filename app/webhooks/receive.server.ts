import type { PrismaClient } from "@prisma/client";
import type { IngestJob } from "~/jobs/ingest.job";
import { log } from "~/logger.server";
import { identityMismatch, isMyshopifyDomain, parseHeaderDate, staleReason } from "./delivery-guards";
import type { DeliveryAnswer, IncomingDelivery } from "./delivery";
import { parseJsonExact } from "./exact-json";
import { findShop, storeShopEvent } from "./inbox.server";
import type { InboxWriter } from "./inbox-writer.server";
import { checkPayload, DESTRUCTIVE_TOPICS } from "./payload-schemas";
import { readSignedBody, type IntakeBudget } from "./read-body.server";

export interface ReceiveDeps {
  /** Finds and creates shop rows. */
  prisma: PrismaClient;
  /** Writes inbox rows (plain SQL, group commit). */
  inbox: InboxWriter;
  /** The app's client secret: Shopify signs each body with it. */
  secret: string;
  /** Hands the ingest job over after the answer; never throws (the sweeper covers a lost job). */
  enqueueIngest: (job: IngestJob) => void;
  maxBytes: number;
  budget: IntakeBudget;
  /** How long the body may take to arrive. */
  bodyDeadlineMs?: number;
  now?: () => Date;
}

const WEBHOOK_ID = /^[\w-]{1,200}$/;
const TOPIC = /^[a-z_]+\/[a-z_]+$/;

/**
 * Webhook intake: verify, check the body against its topic, store in the inbox, answer, enqueue.
 * A bad signature or a broken request is refused and stores nothing. A signed body that cannot be
 * acted on (unparseable, not its topic's shape, naming another shop, too old to be a retry) is kept
 * as a failed event without its payload, and answered 200: a retry of the same bytes cannot help.
 * The 200 waits for the inbox row's commit and nothing else: not the queue (the job is handed over
 * afterwards, and the sweeper enqueues what never got there), and never a lock an ingest job holds.
 * A database that cannot take the row gets a 503, so Shopify retries.
 */
export async function receiveWebhook(delivery: IncomingDelivery, deps: ReceiveDeps): Promise<DeliveryAnswer> {
  const context = {
    topic: delivery.header("x-shopify-topic"),
    shop: delivery.header("x-shopify-shop-domain"),
    webhookId: delivery.header("x-shopify-webhook-id"),
  };
  const signature = delivery.header("x-shopify-hmac-sha256");
  if (!signature) return refuse(401, "missing HMAC", context);
  const { topic, shop: shopDomain, webhookId } = context;
  if (!topic || !shopDomain || !webhookId) return refuse(400, "missing Shopify headers", context);
  if (!isMyshopifyDomain(shopDomain))
    return refuse(400, "X-Shopify-Shop-Domain is not a myshopify.com domain", context);
  if (!TOPIC.test(topic) || !WEBHOOK_ID.test(webhookId))
    return refuse(400, "malformed topic or webhook id", context);

  const read = await readSignedBody(delivery, {
    secret: deps.secret,
    signature,
    maxBytes: deps.maxBytes,
    budget: deps.budget,
    deadlineMs: deps.bodyDeadlineMs ?? 10_000,
  });
  switch (read.kind) {
    case "bad-signature":
      return refuse(401, "invalid HMAC", context);
    case "too-large":
      return refuse(413, `body exceeds WEBHOOK_MAX_BYTES (${deps.maxBytes})`, context, { close: true });
    case "busy":
      return refuse(503, "unverified bodies in flight exceed the intake budget", context, {
        close: true,
        retryAfter: 5,
      });
    case "too-slow":
      return refuse(408, "body still arriving at the deadline", context, { close: true });
    case "aborted":
      return refuse(400, "connection closed before the body's end", context, { close: true });
  }

  const triggeredAt = parseHeaderDate(delivery.header("x-shopify-triggered-at"));
  const metadata = {
    webhookId,
    topic,
    eventId: delivery.header("x-shopify-event-id"),
    apiVersion: delivery.header("x-shopify-api-version"),
    triggeredAt,
  };
  try {
    const accepted = await acceptBody(read.body, { topic, shopDomain, triggeredAt }, deps);
    if (!accepted.ok) {
      // Only a shop the app already knows gets the failed event: a delivery it cannot act on creates nothing.
      const shop = await findShop(deps.prisma, shopDomain);
      if (shop)
        await deps.inbox.store({ shopId: shop.id, ...metadata, payload: null, failure: accepted.reason });
      log.error(shop ? "webhook stored as failed" : "webhook dropped: unusable body for an unknown shop", {
        ...context,
        reason: accepted.reason,
      });
      return { status: 200 };
    }

    const stored = await storeShopEvent(deps.prisma, deps.inbox, shopDomain, {
      ...metadata,
      payload: accepted.payload,
    });
    if (stored.status !== "received" || (!stored.isNew && stored.enqueued)) {
      log.debug("duplicate webhook ignored", { ...context, status: stored.status });
    } else {
      deps.enqueueIngest({ shopId: stored.shopId, webhookId });
    }
    return { status: 200 };
  } catch (error) {
    // Not stored, so not acknowledged: Shopify delivers it again.
    log.error("webhook not stored, answered 503", { ...context, error });
    return { status: 503, text: "the inbox cannot store the webhook now", headers: { "Retry-After": "5" } };
  }
}

type Acceptance = { ok: true; payload: object } | { ok: false; reason: string };

/** Whether a verified body may be handed to its topic's handler. */
async function acceptBody(
  body: Buffer,
  delivery: { topic: string; shopDomain: string; triggeredAt: Date | null },
  deps: ReceiveDeps,
): Promise<Acceptance> {
  let payload: unknown;
  try {
    payload = parseJsonExact(new TextDecoder("utf-8", { fatal: true }).decode(body));
  } catch (error) {
    return {
      ok: false,
      reason: `unparseable JSON body: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  const check = checkPayload(delivery.topic, payload);
  if (!check.ok) return check;
  if (DESTRUCTIVE_TOPICS.has(delivery.topic)) {
    const stale = staleReason(delivery.triggeredAt, deps.now?.() ?? new Date());
    if (stale) return { ok: false, reason: `refused ${delivery.topic}: ${stale}` };
  }
  if (check.shopIdentity) {
    const known = await findShop(deps.prisma, delivery.shopDomain);
    const mismatch = identityMismatch(check.shopIdentity, delivery.shopDomain, known?.shopifyId ?? null);
    if (mismatch) return { ok: false, reason: `refused ${delivery.topic}: ${mismatch}` };
  }
  return { ok: true, payload: payload as object };
}

function refuse(
  status: number,
  reason: string,
  context: Record<string, string | null>,
  options: { close?: boolean; retryAfter?: number } = {},
): DeliveryAnswer {
  log.warn("webhook refused", { ...context, status, reason });
  const headers: Record<string, string> = {};
  // The body was not read to its end: say the connection ends here rather than reset a kept-alive one.
  if (options.close) headers.Connection = "close";
  if (options.retryAfter) headers["Retry-After"] = String(options.retryAfter);
  return { status, text: reason, headers };
}
