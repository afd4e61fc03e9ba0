import { buildWebhookHeaders } from "./webhook-headers";

interface SendWebhookBase {
  url: string;
  topic: string;
  shopDomain: string;
  /** The app's client secret, which Shopify signs with. */
  secret: string;
  webhookId?: string;
  eventId?: string;
  apiVersion?: string;
  triggeredAt?: Date;
  /** Sign with a wrong secret, as a forger would. */
  forgeWithSecret?: string;
  /** Send no HMAC header at all. */
  omitHmac?: boolean;
  extraHeaders?: Record<string, string>;
  signal?: AbortSignal;
}

/** Either a payload to serialize, or exact bytes (e.g. malformed JSON) sent as they are. */
export type SendWebhookOptions = SendWebhookBase &
  ({ payload: unknown; rawBody?: never } | { rawBody: string | Buffer; payload?: never });

export interface SendWebhookResult {
  status: number;
  webhookId: string;
  eventId: string;
  responseBody: string;
}

/** POSTs one delivery the way Shopify does: the signed raw body plus its headers. */
export async function sendWebhook(options: SendWebhookOptions): Promise<SendWebhookResult> {
  const rawBody = options.rawBody ?? JSON.stringify(options.payload);
  const { headers, webhookId, eventId } = buildWebhookHeaders({
    topic: options.topic,
    shopDomain: options.shopDomain,
    rawBody,
    secret: options.secret,
    webhookId: options.webhookId,
    eventId: options.eventId,
    apiVersion: options.apiVersion,
    triggeredAt: options.triggeredAt,
    signingSecret: options.forgeWithSecret,
    omitHmac: options.omitHmac,
  });
  const response = await fetch(options.url, {
    method: "POST",
    headers: { ...headers, ...options.extraHeaders },
    // A Buffer is sent byte for byte; copying into a Uint8Array keeps fetch's types happy.
    body: typeof rawBody === "string" ? rawBody : new Uint8Array(rawBody),
    signal: options.signal,
  });
  return { status: response.status, webhookId, eventId, responseBody: await response.text() };
}
