import { randomBytes } from "node:crypto";
import { verifySessionToken } from "../session-token";

/** What the app's client credentials must be for Shopify to exchange its session tokens. */
export interface FakeAppCredentials {
  apiKey: string;
  secret: string;
}

const GRANT_TYPE = "urn:ietf:params:oauth:grant-type:token-exchange";
const ID_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:id_token";
const OFFLINE = "urn:shopify:params:oauth:token-type:offline-access-token";
const ONLINE = "urn:shopify:params:oauth:token-type:online-access-token";

export type TokenExchangeAnswer =
  | { status: 200; shopDomain: string; accessToken: string; body: Record<string, unknown> }
  | { status: 400 | 401; body: { error: string; error_description: string } };

/**
 * POST /admin/oauth/access_token with a token-exchange grant: the session token App Bridge gave the app
 * becomes an access token. Opening the app from the admin is what installs (or reinstalls) it, so a
 * known shop always gets a new token. Shapes as Shopify answers them (offline: token and scopes;
 * online: also the expiry and the staff member).
 */
export function exchangeToken(
  body: Record<string, unknown>,
  app: FakeAppCredentials,
  scopesOf: (shopDomain: string) => string[] | undefined,
): TokenExchangeAnswer {
  if (body.client_id !== app.apiKey || body.client_secret !== app.secret) {
    return { status: 401, body: { error: "invalid_client", error_description: "Client authentication failed" } };
  }
  if (body.grant_type !== GRANT_TYPE || body.subject_token_type !== ID_TOKEN_TYPE || (body.requested_token_type !== OFFLINE && body.requested_token_type !== ONLINE)) {
    return { status: 400, body: { error: "invalid_request", error_description: "Unsupported grant or token type" } };
  }
  const claims = typeof body.subject_token === "string" ? verifySessionToken(body.subject_token, app) : null;
  const shopDomain = claims ? new URL(claims.dest).hostname : "";
  const scopes = scopesOf(shopDomain);
  if (!claims || !scopes) {
    return { status: 400, body: { error: "invalid_subject_token", error_description: "The subject token is invalid or expired" } };
  }
  const accessToken = `shpat_${randomBytes(16).toString("hex")}`;
  const scope = scopes.join(",");
  if (body.requested_token_type === OFFLINE) return { status: 200, shopDomain, accessToken, body: { access_token: accessToken, scope } };
  return {
    status: 200,
    shopDomain,
    accessToken,
    body: {
      access_token: accessToken,
      scope,
      expires_in: 86_399,
      associated_user_scope: scope,
      associated_user: {
        id: Number(claims.sub),
        first_name: "Staff",
        last_name: "Member",
        email: `staff-${claims.sub}@${shopDomain}`,
        account_owner: true,
        locale: "en",
        collaborator: false,
        email_verified: true,
      },
    },
  };
}
