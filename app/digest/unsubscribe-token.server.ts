/**
 * Signed one-click unsubscribe tokens (RFC 8058 links must work without a login): base64url JSON of
 * { shop, recipient, expiry } plus an HMAC-SHA256 of it keyed with the app secret. A forged, altered
 * or expired token is refused.
 */
import { z } from "zod";
import { signToken, verifyToken } from "./signed-token.server";

/** Long enough for an old digest's link to still work; short enough that a leaked one dies. */
export const UNSUBSCRIBE_TOKEN_TTL_MS = 180 * 24 * 3600 * 1000;

export interface UnsubscribeClaims {
  readonly shopId: number;
  readonly email: string;
  /** Expiry, ms since epoch. */
  readonly expiresAt: number;
}

const payloadSchema = z.object({ s: z.number().int().positive(), r: z.string().min(3), e: z.number().int() });

const PURPOSE = "pulse-digest-unsubscribe";

export function signUnsubscribeToken(
  secret: string,
  shopId: number,
  email: string,
  now = new Date(),
  ttlMs = UNSUBSCRIBE_TOKEN_TTL_MS,
): string {
  return signToken(secret, PURPOSE, { s: shopId, r: email, e: now.getTime() + ttlMs });
}

export type TokenCheck =
  { ok: true; claims: UnsubscribeClaims } | { ok: false; reason: "malformed" | "bad-signature" | "expired" };

export function verifyUnsubscribeToken(
  secret: string,
  token: string | null | undefined,
  now = new Date(),
): TokenCheck {
  const check = verifyToken(secret, PURPOSE, payloadSchema, token, now);
  if (!check.ok) return check;
  const { s, r, e } = check.payload;
  return { ok: true, claims: { shopId: s, email: r, expiresAt: e } };
}

export function unsubscribeUrl(appUrl: string, token: string): string {
  return `${appUrl.replace(/\/+$/, "")}/digest/unsubscribe?token=${encodeURIComponent(token)}`;
}
