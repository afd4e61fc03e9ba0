/**
 * Signed one-click unsubscribe tokens (RFC 8058 links must work without a login): base64url JSON of
 * { shop, recipient, expiry } plus an HMAC-SHA256 of it keyed with the app secret. A forged, altered
 * or expired token is refused.
 */
import crypto from "node:crypto";
import { z } from "zod";

/** Long enough for an old digest's link to still work; short enough that a leaked one dies. */
export const UNSUBSCRIBE_TOKEN_TTL_MS = 180 * 24 * 3600 * 1000;

export interface UnsubscribeClaims {
  readonly shopId: number;
  readonly email: string;
  /** Expiry, ms since epoch. */
  readonly expiresAt: number;
}

const payloadSchema = z.object({ s: z.number().int().positive(), r: z.string().min(3), e: z.number().int() });

// The purpose prefix keeps a digest token from ever verifying as any other HMAC made with the same secret.
const mac = (secret: string, payload: string) =>
  crypto.createHmac("sha256", secret).update(`pulse-digest-unsubscribe.${payload}`).digest("base64url");

export function signUnsubscribeToken(
  secret: string,
  shopId: number,
  email: string,
  now = new Date(),
  ttlMs = UNSUBSCRIBE_TOKEN_TTL_MS,
): string {
  const payload = Buffer.from(JSON.stringify({ s: shopId, r: email, e: now.getTime() + ttlMs })).toString(
    "base64url",
  );
  return `${payload}.${mac(secret, payload)}`;
}

export type TokenCheck =
  { ok: true; claims: UnsubscribeClaims } | { ok: false; reason: "malformed" | "bad-signature" | "expired" };

export function verifyUnsubscribeToken(
  secret: string,
  token: string | null | undefined,
  now = new Date(),
): TokenCheck {
  const [payload, signature, extra] = (token ?? "").split(".");
  if (!payload || !signature || extra !== undefined) return { ok: false, reason: "malformed" };
  const expected = Buffer.from(mac(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given))
    return { ok: false, reason: "bad-signature" };
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "malformed" };
  }
  const parsed = payloadSchema.safeParse(decoded);
  if (!parsed.success) return { ok: false, reason: "malformed" };
  if (parsed.data.e <= now.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, claims: { shopId: parsed.data.s, email: parsed.data.r, expiresAt: parsed.data.e } };
}

export function unsubscribeUrl(appUrl: string, token: string): string {
  return `${appUrl.replace(/\/+$/, "")}/digest/unsubscribe?token=${encodeURIComponent(token)}`;
}
