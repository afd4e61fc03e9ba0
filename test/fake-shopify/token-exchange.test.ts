import { describe, expect, it } from "vitest";
import { exchangeToken } from "../../fake-shopify/admin-api/token-exchange";
import { signSessionToken } from "../../fake-shopify/session-token";

const app = { apiKey: "key", secret: "secret" };
const SHOP = "exchange.myshopify.com";
const scopesOf = (domain: string) => (domain === SHOP ? ["read_orders"] : undefined);
const request = (subjectToken: string, overrides: Record<string, unknown> = {}) =>
  JSON.stringify({
    client_id: "key",
    client_secret: "secret",
    grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
    subject_token: subjectToken,
    subject_token_type: "urn:ietf:params:oauth:token-type:id_token",
    requested_token_type: "urn:shopify:params:oauth:token-type:offline-access-token",
    ...overrides,
  });

describe("fake token exchange", () => {
  it("swaps a session token of a known shop for a new offline token", () => {
    const token = signSessionToken({ shop: SHOP, ...app });
    const first = exchangeToken(request(token), app, scopesOf, new Date());
    const second = exchangeToken(request(token), app, scopesOf, new Date());
    expect(first).toMatchObject({ status: 200, shopDomain: SHOP, body: { scope: "read_orders" } });
    expect(first.status === 200 && second.status === 200 && first.accessToken !== second.accessToken).toBe(
      true,
    );
  });

  it("answers an online token with its expiry and staff member", () => {
    const token = signSessionToken({ shop: SHOP, ...app, userId: "7" });
    const answer = exchangeToken(
      request(token, { requested_token_type: "urn:shopify:params:oauth:token-type:online-access-token" }),
      app,
      scopesOf,
      new Date(),
    );
    expect(answer).toMatchObject({ status: 200, body: { expires_in: 86_399, associated_user: { id: 7 } } });
  });

  it("refuses forged, expired or foreign session tokens and wrong client credentials", () => {
    const forged = signSessionToken({ shop: SHOP, apiKey: "key", secret: "not-the-secret" });
    const expired = signSessionToken({ shop: SHOP, ...app, now: new Date(Date.now() - 10 * 60_000) });
    const otherApp = signSessionToken({ shop: SHOP, apiKey: "other", secret: "secret" });
    const unknownShop = signSessionToken({ shop: "stranger.myshopify.com", ...app });
    for (const token of [forged, expired, otherApp, unknownShop, "not.a.jwt"]) {
      expect(exchangeToken(request(token), app, scopesOf, new Date())).toMatchObject({
        status: 400,
        body: { error: "invalid_subject_token" },
      });
    }
    const valid = signSessionToken({ shop: SHOP, ...app });
    expect(
      exchangeToken(request(valid, { client_secret: "guess" }), app, scopesOf, new Date()),
    ).toMatchObject({ status: 401, body: { error: "invalid_client" } });
  });
});

describe("fake token exchange, malformed requests", () => {
  it("answers a body that is not JSON as an invalid request", () => {
    expect(exchangeToken("{", app, scopesOf, new Date())).toMatchObject({
      status: 400,
      body: { error: "invalid_request" },
    });
  });
});
