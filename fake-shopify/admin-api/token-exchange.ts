/**
 * POST /admin/oauth/access_token with grant_type token-exchange, as Shopify answers it: a JSON body with
 * the app's client credentials and a session token (subject_token). Opening the app from the admin is
 * what installs (or reinstalls) it, so a known shop always gets a new access token: offline as
 * {"access_token", "scope"}, online also with expires_in and the associated user. An invalid session
 * token is a 400 with {"error": "invalid_subject_token"}.
 */
import { randomBytes } from "node:crypto";
import { verifySessionToken } from "../session-token";

export const TOKEN_EXCHANGE_PATH = "/admin/oauth/access_token";
const GRANT_TYPE = "urn:ietf:params:oauth:grant-type:token-exchange";
const ID_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:id_token";
const OFFLINE = "urn:shopify:params:oauth:token-type:offline-access-token";
const ONLINE = "urn:shopify:params:oauth:token-type:online-access-token";

/** What the app's client credentials must be for Shopify to exchange its session tokens. */
export interface FakeAppCredentials {
  apiKey: string;
  secret: string;
}

export type TokenExchangeAnswer =
  | { status: 200; shopDomain: string; accessToken: string; body: Record<string, unknown> }
  | { status: 400 | 401; body: { error: string; error_description: string } };

const oauthError = (status: 400 | 401, error: string, description: string): TokenExchangeAnswer => ({
  status,
  body: { error, error_description: description },
});

export function exchangeToken(
  rawBody: string,
  app: FakeAppCredentials | null,
  scopesOf: (shopDomain: string) => string[] | undefined,
  now: Date,
): TokenExchangeAnswer {
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(rawBody) as Record<string, unknown>;
  } catch {
    return oauthError(400, "invalid_request", "The request body is not JSON");
  }
  if (!app || body.client_id !== app.apiKey || body.client_secret !== app.secret)
    return oauthError(401, "invalid_client", "Client authentication failed");
  if (body.grant_type !== GRANT_TYPE || body.subject_token_type !== ID_TOKEN_TYPE) {
    return oauthError(400, "unsupported_grant_type", "Unsupported grant or subject token type");
  }
  const requested = body.requested_token_type ?? OFFLINE;
  if (requested !== OFFLINE && requested !== ONLINE)
    return oauthError(400, "invalid_request", "Unknown requested_token_type");
  const check = verifySessionToken(String(body.subject_token ?? ""), app, now);
  if (!check.ok)
    return oauthError(400, "invalid_subject_token", `The subject token is invalid: ${check.reason}`);
  const scopes = scopesOf(check.shop);
  if (!scopes) return oauthError(400, "invalid_subject_token", "The app is not installed on this shop");

  const accessToken = `shpat_${randomBytes(16).toString("hex")}`;
  const scope = scopes.join(",");
  if (requested === OFFLINE)
    return { status: 200, shopDomain: check.shop, accessToken, body: { access_token: accessToken, scope } };
  return {
    status: 200,
    shopDomain: check.shop,
    accessToken,
    body: {
      access_token: accessToken,
      scope,
      expires_in: 86_399,
      associated_user_scope: scope,
      associated_user: {
        id: Number(check.claims.sub),
        first_name: "Staff",
        last_name: "Member",
        email: `staff-${check.claims.sub}@${check.shop}`,
        account_owner: true,
        locale: "en",
        collaborator: false,
        email_verified: true,
      },
    },
  };
}
