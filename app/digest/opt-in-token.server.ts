/**
 * Signed opt-in confirmation tokens: an address that unsubscribed gets the digest again only when its
 * owner follows the link in the opt-in email. base64url JSON of { shop, recipient, requested-at, expiry }
 * plus an HMAC-SHA256 keyed with the app secret; the purpose prefix differs from the unsubscribe token's,
 * so neither verifies as the other. `requestedAt` ties the link to one request: a newer request (or an
 * unsubscribe since) makes it void.
 */
import { z } from "zod";
import { signToken, verifyToken } from "./signed-token.server";

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

const PURPOSE = "pulse-digest-opt-in";

export function signOptInToken(
  secret: string,
  claims: { shopId: number; email: string; requestedAt: Date },
  ttlMs = OPT_IN_TOKEN_TTL_MS,
): string {
  const q = claims.requestedAt.getTime();
  return signToken(secret, PURPOSE, { s: claims.shopId, r: claims.email, q, e: q + ttlMs });
}

export type OptInTokenCheck =
  { ok: true; claims: OptInClaims } | { ok: false; reason: "malformed" | "bad-signature" | "expired" };

export function verifyOptInToken(
  secret: string,
  token: string | null | undefined,
  now = new Date(),
): OptInTokenCheck {
  const check = verifyToken(secret, PURPOSE, payloadSchema, token, now);
  if (!check.ok) return check;
  const { s, r, q, e } = check.payload;
  return { ok: true, claims: { shopId: s, email: r, requestedAt: q, expiresAt: e } };
}

export function optInUrl(appUrl: string, token: string): string {
  return `${appUrl.replace(/\/+$/, "")}/digest/confirm?token=${encodeURIComponent(token)}`;
}
