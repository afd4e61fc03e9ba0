/**
 * Encrypts secrets at rest with AES-256-GCM. A value is `enc:v1:<key id>:<iv>:<tag>:<ciphertext>`
 * (base64url). The key id names which key of the ring sealed it, so rotation needs no trial decryption.
 * The caller's `context` (e.g. the session id) is authenticated data: a value copied into another row
 * does not open there.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";

const PREFIX = "enc:v1:";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SecretDecryptionError extends Error {
  override name = "SecretDecryptionError";
}

export interface KeyRing {
  /** Seals every new value. */
  readonly current: { id: string; key: Buffer };
  /** Every key that may open a stored value, the current one included. */
  readonly byId: ReadonlyMap<string, Buffer>;
}

/** A short public name of a key: an HMAC of a constant, which reveals nothing about the key. */
function keyId(key: Buffer): string {
  return createHmac("sha256", key).update("pulse-kpi key id").digest("base64url").slice(0, 8);
}

/** The first key encrypts; all of them decrypt. */
export function keyRing(keys: readonly Buffer[]): KeyRing {
  if (keys.length === 0) throw new Error("at least one encryption key is needed");
  for (const key of keys)
    if (key.length !== 32) throw new Error("encryption keys must be 32 bytes (AES-256)");
  const entries = keys.map((key) => ({ id: keyId(key), key }));
  return { current: entries[0]!, byId: new Map(entries.map((entry) => [entry.id, entry.key])) };
}

export function isEncrypted(value: string): boolean {
  return value.startsWith(PREFIX);
}

/** False for clear text and for values sealed with an older key: those are worth sealing again. */
export function sealedWithCurrentKey(ring: KeyRing, value: string): boolean {
  return value.startsWith(`${PREFIX}${ring.current.id}:`);
}

export function encryptSecret(ring: KeyRing, plaintext: string, context: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", ring.current.key, iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const sealed = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), sealed].map((part) => part.toString("base64url"));
  return `${PREFIX}${ring.current.id}:${parts.join(":")}`;
}

/** Opens a value sealed by encryptSecret with the same context; throws SecretDecryptionError otherwise. */
export function decryptSecret(ring: KeyRing, value: string, context: string): string {
  if (!isEncrypted(value)) throw new SecretDecryptionError("value is not encrypted");
  const [id, iv, tag, sealed, ...rest] = value.slice(PREFIX.length).split(":");
  if (!id || !iv || !tag || sealed === undefined || rest.length > 0)
    throw new SecretDecryptionError("malformed encrypted value");
  const key = ring.byId.get(id);
  if (!key) throw new SecretDecryptionError(`no configured key opens this value (key id ${id})`);
  const ivBytes = Buffer.from(iv, "base64url");
  const tagBytes = Buffer.from(tag, "base64url");
  if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES)
    throw new SecretDecryptionError("malformed encrypted value");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, ivBytes, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(tagBytes);
    return Buffer.concat([decipher.update(Buffer.from(sealed, "base64url")), decipher.final()]).toString(
      "utf8",
    );
  } catch {
    throw new SecretDecryptionError(
      "encrypted value failed authentication (tampered, or sealed for another row)",
    );
  }
}
