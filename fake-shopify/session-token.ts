/**
 * Shopify's session tokens (App Bridge ID tokens): HS256 JWTs signed with the app's client secret, with
 * the claims Shopify documents: iss (the shop's admin URL), dest (the shop's URL), aud (the app's client
 * id), sub (the staff user id), exp, nbf, iat (seconds), jti (unique id) and sid (the admin session).
 * Tokens live one minute.
 */
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";

export interface SessionTokenClaims {
  iss: string;
  dest: string;
  aud: string;
  sub: string;
  exp: number;
  nbf: number;
  iat: number;
  jti: string;
  sid: string;
}

export interface SessionTokenInput {
  shop: string;
  apiKey: string;
  secret: string;
  now?: Date;
  /** Lifetime in seconds; Shopify's is 60. */
  ttlSeconds?: number;
  userId?: string;
  overrides?: Partial<SessionTokenClaims>;
}

const b64url = (value: string | Buffer) => Buffer.from(value).toString("base64url");

export function signSessionToken(input: SessionTokenInput): string {
  const issuedAt = Math.floor((input.now ?? new Date()).getTime() / 1000);
  const claims: SessionTokenClaims = {
    iss: `https://${input.shop}/admin`,
    dest: `https://${input.shop}`,
    aud: input.apiKey,
    sub: input.userId ?? "42",
    exp: issuedAt + (input.ttlSeconds ?? 60),
    nbf: issuedAt,
    iat: issuedAt,
    jti: randomUUID(),
    sid: randomUUID().replaceAll("-", ""),
    ...input.overrides,
  };
  const signed = `${b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }))}.${b64url(JSON.stringify(claims))}`;
  return `${signed}.${createHmac("sha256", input.secret).update(signed).digest("base64url")}`;
}

export type SessionTokenCheck =
  { ok: true; claims: SessionTokenClaims; shop: string } | { ok: false; reason: string };

/** What Shopify checks before it exchanges a session token: signature, audience, lifetime, destination. */
export function verifySessionToken(
  token: string,
  app: { apiKey: string; secret: string },
  now = new Date(),
): SessionTokenCheck {
  const parts = token.split(".");
  if (parts.length !== 3) return { ok: false, reason: "malformed token" };
  const [header, payload, signature] = parts as [string, string, string];
  const expected = createHmac("sha256", app.secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: "bad signature" };
  let claims: SessionTokenClaims;
  try {
    const alg = (JSON.parse(Buffer.from(header, "base64url").toString("utf8")) as { alg?: string }).alg;
    if (alg !== "HS256") return { ok: false, reason: "unexpected algorithm" };
    claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as SessionTokenClaims;
  } catch {
    return { ok: false, reason: "malformed token" };
  }
  const seconds = Math.floor(now.getTime() / 1000);
  if (claims.aud !== app.apiKey) return { ok: false, reason: "token is for another app" };
  if (!(claims.exp > seconds) || !(claims.nbf <= seconds))
    return { ok: false, reason: "token expired or not yet valid" };
  const dest = /^https:\/\/([a-z0-9][a-z0-9-]*\.myshopify\.com)$/.exec(claims.dest ?? "");
  if (!dest) return { ok: false, reason: "bad destination" };
  return { ok: true, claims, shop: dest[1]! };
}
