import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";

/**
 * Shopify's session token (App Bridge's id token): an HS256 JWT signed with the app's client secret,
 * naming the shop in `dest`, the app in `aud` and the staff member in `sub`. It lives one minute.
 */
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
  shopDomain: string;
  apiKey: string;
  secret: string;
  userId?: number;
  now?: Date;
}

const base64url = (value: string | Buffer) => Buffer.from(value).toString("base64url");

export function signSessionToken(input: SessionTokenInput): string {
  const issuedAt = Math.floor((input.now ?? new Date()).getTime() / 1000);
  const claims: SessionTokenClaims = {
    iss: `https://${input.shopDomain}/admin`,
    dest: `https://${input.shopDomain}`,
    aud: input.apiKey,
    sub: String(input.userId ?? 42),
    exp: issuedAt + 60,
    nbf: issuedAt,
    iat: issuedAt,
    jti: randomUUID(),
    sid: randomUUID(),
  };
  const unsigned = `${base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }))}.${base64url(JSON.stringify(claims))}`;
  return `${unsigned}.${createHmac("sha256", input.secret).update(unsigned).digest("base64url")}`;
}

/** The claims of a token signed with `secret` for `apiKey` and not expired, or null. */
export function verifySessionToken(token: string, options: { apiKey: string; secret: string; now?: Date }): SessionTokenClaims | null {
  const [header, payload, signature] = token.split(".");
  if (!header || !payload || !signature) return null;
  const expected = Buffer.from(createHmac("sha256", options.secret).update(`${header}.${payload}`).digest("base64url"));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let claims: SessionTokenClaims;
  try {
    claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as SessionTokenClaims;
  } catch {
    return null;
  }
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  // Shopify allows a few seconds of clock skew, as the app's own check does.
  if (claims.aud !== options.apiKey || claims.exp + 10 < now || claims.nbf - 10 > now) return null;
  return claims;
}
