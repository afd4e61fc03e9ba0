/**
 * The signed links the digest sends (unsubscribe, opt-in): base64url JSON plus an HMAC-SHA256 of it keyed
 * with the app secret. The purpose goes into the HMAC, so a token made for one purpose never verifies as
 * another made with the same secret. Every payload carries its expiry as `e` (ms since epoch).
 */
import crypto from "node:crypto";
import type { z } from "zod";

export type SignedTokenCheck<T> =
  { ok: true; payload: T } | { ok: false; reason: "malformed" | "bad-signature" | "expired" };

const mac = (secret: string, purpose: string, payload: string) =>
  crypto.createHmac("sha256", secret).update(`${purpose}.${payload}`).digest("base64url");

export function signToken<T extends { e: number }>(secret: string, purpose: string, payload: T): string {
  const encoded = Buffer.from(JSON.stringify(payload)).toString("base64url");
  return `${encoded}.${mac(secret, purpose, encoded)}`;
}

export function verifyToken<T extends { e: number }>(
  secret: string,
  purpose: string,
  schema: z.ZodType<T>,
  token: string | null | undefined,
  now: Date,
): SignedTokenCheck<T> {
  const [payload, signature, extra] = (token ?? "").split(".");
  if (!payload || !signature || extra !== undefined) return { ok: false, reason: "malformed" };
  const expected = Buffer.from(mac(secret, purpose, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given))
    return { ok: false, reason: "bad-signature" };
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "malformed" };
  }
  const parsed = schema.safeParse(decoded);
  if (!parsed.success) return { ok: false, reason: "malformed" };
  if (parsed.data.e <= now.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, payload: parsed.data };
}
