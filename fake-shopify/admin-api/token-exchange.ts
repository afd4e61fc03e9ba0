/**
 * POST /admin/oauth/access_token with grant_type token-exchange, as Shopify answers it: a JSON body with
 * the app's client credentials and a session token (subject_token); an offline access token comes back as
 * {"access_token", "scope"}, an online one also with expires_in and the associated user. An invalid
 * session token is a 400 with {"error": "invalid_subject_token"}.
 */
import { verifySessionToken } from "../session-token";

export const TOKEN_EXCHANGE_PATH = "/admin/oauth/access_token";
const GRANT_TYPE = "urn:ietf:params:oauth:grant-type:token-exchange";
const ID_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:id_token";
const OFFLINE = "urn:shopify:params:oauth:token-type:offline-access-token";
const ONLINE = "urn:shopify:params:oauth:token-type:online-access-token";

export interface TokenExchangeInstall {
  accessToken: string;
  scopes: string[];
}

export interface TokenExchangeAnswer {
  status: number;
  body: Record<string, unknown>;
}

const oauthError = (status: number, error: string, description: string): TokenExchangeAnswer => ({ status, body: { error, error_description: description } });

export function answerTokenExchange(
  rawBody: string,
  app: { apiKey: string; secret: string } | null,
  installFor: (shop: string) => TokenExchangeInstall | undefined,
  now: Date,
): TokenExchangeAnswer {
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(rawBody) as Record<string, unknown>;
  } catch {
    return oauthError(400, "invalid_request", "The request body is not JSON");
  }
  if (!app || body.client_id !== app.apiKey || body.client_secret !== app.secret) return oauthError(401, "invalid_client", "Client authentication failed");
  if (body.grant_type !== GRANT_TYPE || body.subject_token_type !== ID_TOKEN_TYPE) return oauthError(400, "unsupported_grant_type", "Unsupported grant or subject token type");
  const check = verifySessionToken(String(body.subject_token ?? ""), app, now);
  if (!check.ok) return oauthError(400, "invalid_subject_token", `The subject token is invalid: ${check.reason}`);
  const install = installFor(check.shop);
  if (!install) return oauthError(400, "invalid_subject_token", "The app is not installed on this shop");
  const requested = body.requested_token_type ?? OFFLINE;
  if (requested === OFFLINE) return { status: 200, body: { access_token: install.accessToken, scope: install.scopes.join(",") } };
  if (requested === ONLINE) {
    return {
      status: 200,
      body: {
        access_token: `${install.accessToken}-online-${check.claims.sub}`,
        scope: install.scopes.join(","),
        expires_in: 86_399,
        associated_user_scope: install.scopes.join(","),
        associated_user: { id: Number(check.claims.sub), first_name: "Staff", last_name: "Member", email: `staff-${check.claims.sub}@${check.shop}`, email_verified: true, account_owner: false, locale: "en", collaborator: false },
      },
    };
  }
  return oauthError(400, "invalid_request", "Unknown requested_token_type");
}
