/**
 * Signed opt-in confirmation tokens: an address that unsubscribed gets the digest again only when its
 * owner follows the link in the opt-in email. base64url JSON of { shop, recipient, requested-at, expiry }
 * plus an HMAC-SHA256 keyed with the app secret; the purpose prefix differs from the unsubscribe token's,
 * so neither verifies as the other. `requestedAt` ties the link to one request: a newer request (or an
 * unsubscribe since) makes it void.
 */
import crypto from "node:crypto";
import { z } from "zod";

/** A week to act on the email; the admin can send a new one after a day. */
export const OPT_IN_TOKEN_TTL_MS = 7 * 24 * 3600 * 1000;

export interface OptInClaims {
  readonly shopId: number;
  readonly email: string;
  /** When the opt-in was requested (the digest_unsubscribe row's opt_in_requested_at), ms since epoch. */
  readonly requestedAt: number;
  readonly expiresAt: number;
}

const payloadSchema = z.object({
  s: z.number().int().positive(),
  r: z.string().min(3),
  q: z.number().int(),
  e: z.number().int(),
});

const mac = (secret: string, payload: string) =>
  crypto.createHmac("sha256", secret).update(`pulse-digest-opt-in.${payload}`).digest("base64url");

export function signOptInToken(
  secret: string,
  claims: { shopId: number; email: string; requestedAt: Date },
  ttlMs = OPT_IN_TOKEN_TTL_MS,
): string {
  const q = claims.requestedAt.getTime();
  const payload = Buffer.from(
    JSON.stringify({ s: claims.shopId, r: claims.email, q, e: q + ttlMs }),
  ).toString("base64url");
  return `${payload}.${mac(secret, payload)}`;
}

export type OptInTokenCheck =
  { ok: true; claims: OptInClaims } | { ok: false; reason: "malformed" | "bad-signature" | "expired" };

export function verifyOptInToken(
  secret: string,
  token: string | null | undefined,
  now = new Date(),
): OptInTokenCheck {
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
  const { s, r, q, e } = parsed.data;
  if (e <= now.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, claims: { shopId: s, email: r, requestedAt: q, expiresAt: e } };
}

export function optInUrl(appUrl: string, token: string): string {
  return `${appUrl.replace(/\/+$/, "")}/digest/confirm?token=${encodeURIComponent(token)}`;
}
