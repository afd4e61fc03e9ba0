import type { PrismaClient } from "@prisma/client";
import { log } from "../logger.server";
import type { IngestJob } from "../../workers/ingest.queue";
import { markEnqueued, shopIdFor, storeInboxEvent } from "./inbox.server";
import { readBodyWithin } from "./read-body.server";

export interface ReceiveDeps {
  prisma: PrismaClient;
  /** Shopify's verification (authenticate.webhook): throws a Response for a bad signature. */
  authenticate: (request: Request) => Promise<{ shop: string; topic: string; webhookId: string; apiVersion?: string; payload: unknown }>;
  enqueueIngest: (job: IngestJob) => Promise<void>;
  maxBytes: number;
}

// Far above any real webhook; past it the sender is not Shopify and we stop reading.
const HARD_LIMIT_FACTOR = 8;

/**
 * Webhook intake: verify, store in the inbox, enqueue, answer. Only a bad signature or a broken
 * request is refused; once the event is stored it is answered 200 even if the queue is down, because
 * the inbox row is durable and the sweeper enqueues it later.
 */
export async function receiveWebhook(request: Request, deps: ReceiveDeps): Promise<Response> {
  const headers = request.headers;
  const context = {
    topic: headers.get("x-shopify-topic"),
    shop: headers.get("x-shopify-shop-domain"),
    webhookId: headers.get("x-shopify-webhook-id"),
  };

  if (request.method === "POST" && !headers.get("x-shopify-hmac-sha256")) {
    // Unsigned is as unauthenticated as badly signed (authenticate.webhook would call it a 400).
    log.warn("webhook refused", { ...context, status: 401, reason: "missing HMAC" });
    return new Response("Unauthorized", { status: 401 });
  }

  const body = await readBodyWithin(request, deps.maxBytes * HARD_LIMIT_FACTOR);
  if (body === "too-large") {
    log.warn("webhook refused: body exceeds the hard limit", context);
    return new Response("Payload too large", { status: 413 });
  }

  let verified: Awaited<ReturnType<ReceiveDeps["authenticate"]>> | undefined;
  let failure: string | undefined;
  try {
    verified = await deps.authenticate(
      new Request(request.url, { method: request.method, headers, body: request.method === "POST" ? new Uint8Array(body) : undefined }),
    );
  } catch (error) {
    if (error instanceof Response) {
      log.warn("webhook refused", { ...context, status: error.status, reason: error.status === 401 ? "invalid HMAC" : error.statusText });
      return error;
    }
    // authenticate.webhook verifies the HMAC before it parses JSON: a SyntaxError means a validly
    // signed body we cannot read. Keep it (as failed, with the reason) and answer 200: a retry
    // of the same bytes cannot help.
    if (!(error instanceof SyntaxError)) throw error;
    failure = `unparseable JSON body: ${error.message}`;
  }

  const shopDomain = verified?.shop ?? context.shop;
  const webhookId = verified?.webhookId ?? context.webhookId;
  const topic = context.topic ?? verified?.topic;
  if (!shopDomain || !webhookId || !topic) {
    log.warn("webhook refused: missing Shopify headers", context);
    return new Response("Bad Request", { status: 400 });
  }
  if (!failure && body.byteLength > deps.maxBytes) {
    failure = `body of ${body.byteLength} bytes exceeds WEBHOOK_MAX_BYTES (${deps.maxBytes})`;
  }

  const shopId = await shopIdFor(deps.prisma, shopDomain);
  const stored = await storeInboxEvent(deps.prisma, {
    shopId,
    webhookId,
    topic,
    eventId: headers.get("x-shopify-event-id"),
    apiVersion: headers.get("x-shopify-api-version") ?? verified?.apiVersion ?? null,
    triggeredAt: parseDate(headers.get("x-shopify-triggered-at")),
    payload: failure ? null : (verified!.payload as object),
    failure,
  });
  if (failure) {
    log.error("webhook stored as failed", { ...context, reason: failure });
    return new Response(null, { status: 200 });
  }
  if (stored.status !== "received" || (!stored.isNew && stored.enqueued)) {
    log.debug("duplicate webhook ignored", { ...context, status: stored.status });
    return new Response(null, { status: 200 });
  }

  try {
    await deps.enqueueIngest({ shopId, webhookId });
    await markEnqueued(deps.prisma, shopId, webhookId);
  } catch (error) {
    log.warn("webhook stored but not enqueued; the inbox sweeper will retry", { ...context, error });
  }
  return new Response(null, { status: 200 });
}

function parseDate(value: string | null): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
