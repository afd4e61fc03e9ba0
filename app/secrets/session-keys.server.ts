/** The key ring for access tokens at rest: SESSION_ENCRYPTION_KEYS, or outside production a key derived from the API secret. */
import { env } from "~/env.server";
import { deriveKey } from "./derived-keys.server";
import { keyRing, type KeyRing } from "./token-cipher.server";

export function sessionKeyRing(): KeyRing {
  const config = env();
  // Production requires the variable (env validation); development, tests and the demo derive one.
  const keys =
    config.SESSION_ENCRYPTION_KEYS.length > 0
      ? config.SESSION_ENCRYPTION_KEYS.map((key) => Buffer.from(key, "base64"))
      : [deriveKey(config.SHOPIFY_API_SECRET, "session-token-encryption")];
  return keyRing(keys);
}
