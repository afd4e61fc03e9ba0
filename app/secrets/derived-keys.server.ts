/**
 * Keys derived from the app's API secret, one per purpose (HKDF-SHA256 with the purpose as its label), so
 * that no feature signs or encrypts with the raw secret Shopify also uses, and one key's use cannot be
 * replayed against another's.
 */
import { hkdfSync } from "node:crypto";

const SALT = "pulse-kpi derived keys v1";

export type KeyPurpose = "demo-session-cookie" | "session-token-encryption" | "customer-tombstones";

export function deriveKey(appSecret: string, purpose: KeyPurpose): Buffer {
  return Buffer.from(hkdfSync("sha256", appSecret, SALT, purpose, 32));
}

/** The secret that signs the demo session cookie (Remix cookie secrets are strings). */
export function demoCookieSecret(appSecret: string): string {
  return deriveKey(appSecret, "demo-session-cookie").toString("base64");
}
