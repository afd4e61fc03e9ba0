import { createHmac } from "node:crypto";

/**
 * Shopify signs the exact bytes it sends: base64(HMAC-SHA256(appSecret, rawBody)).
 * Strings are signed as UTF-8, which is what goes on the wire.
 */
export function signWebhook(rawBody: string | Buffer, secret: string): string {
  return createHmac("sha256", secret).update(rawBody).digest("base64");
}
