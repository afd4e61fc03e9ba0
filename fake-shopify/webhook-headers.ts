import { randomUUID } from "node:crypto";
import { signWebhook } from "./sign";

/** The Admin API version this app pins; payloads are serialized for it. */
export const PINNED_API_VERSION = "2026-10";

/** Header names exactly as Shopify's delivery docs and @shopify/shopify-api spell them. */
export const WEBHOOK_HEADER = {
  topic: "X-Shopify-Topic",
  hmac: "X-Shopify-Hmac-Sha256",
  shopDomain: "X-Shopify-Shop-Domain",
  apiVersion: "X-Shopify-API-Version",
  webhookId: "X-Shopify-Webhook-Id",
  eventId: "X-Shopify-Event-Id",
  triggeredAt: "X-Shopify-Triggered-At",
  name: "X-Shopify-Name",
} as const;

export interface WebhookHeaderInput {
  topic: string;
  shopDomain: string;
  rawBody: string | Buffer;
  secret: string;
  /** Unique per delivery; a redelivery of the same event reuses it. */
  webhookId?: string;
  /** Shared by all deliveries caused by the same merchant action. */
  eventId?: string;
  triggeredAt?: Date;
  apiVersion?: string;
  /** Optional subscription name. */
  name?: string;
  /** Sign with this secret instead: a forged delivery. */
  signingSecret?: string;
  /** Leave X-Shopify-Hmac-Sha256 out altogether. */
  omitHmac?: boolean;
}

export interface BuiltWebhookHeaders {
  headers: Record<string, string>;
  webhookId: string;
  eventId: string;
}

export function buildWebhookHeaders(input: WebhookHeaderInput): BuiltWebhookHeaders {
  const webhookId = input.webhookId ?? randomUUID();
  const eventId = input.eventId ?? randomUUID();
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    [WEBHOOK_HEADER.topic]: input.topic,
    [WEBHOOK_HEADER.shopDomain]: input.shopDomain,
    [WEBHOOK_HEADER.apiVersion]: input.apiVersion ?? PINNED_API_VERSION,
    [WEBHOOK_HEADER.webhookId]: webhookId,
    [WEBHOOK_HEADER.eventId]: eventId,
    [WEBHOOK_HEADER.triggeredAt]: (input.triggeredAt ?? new Date()).toISOString(),
  };
  if (input.name !== undefined) headers[WEBHOOK_HEADER.name] = input.name;
  if (!input.omitHmac) {
    headers[WEBHOOK_HEADER.hmac] = signWebhook(input.rawBody, input.signingSecret ?? input.secret);
  }
  return { headers, webhookId, eventId };
}
