import "@shopify/shopify-app-remix/adapters/node";
import { ApiVersion, AppDistribution, shopifyApp } from "@shopify/shopify-app-remix/server";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import { routeAdminApiTo } from "~/admin-api/origin.server";
import { db } from "./db.server";
import { env } from "./env.server";
import { onShopAuthenticated } from "~/shops/after-auth.server";
import { EncryptedSessionStorage } from "~/secrets/encrypted-session-storage.server";
import { sessionKeyRing } from "~/secrets/session-keys.server";

/** Pinned Admin API version; shopify.app.toml's [webhooks] api_version says the same. */
export const API_VERSION = ApiVersion.October26;

function createShopifyApp() {
  const config = env();
  // Tests and the demo point the Admin API at the local fake; production leaves this unset.
  routeAdminApiTo(config.SHOPIFY_ADMIN_API_ORIGIN);
  return shopifyApp({
    apiKey: config.SHOPIFY_API_KEY,
    apiSecretKey: config.SHOPIFY_API_SECRET,
    apiVersion: API_VERSION,
    scopes: config.SCOPES?.split(",").map((scope) => scope.trim()),
    appUrl: config.SHOPIFY_APP_URL,
    authPathPrefix: "/auth",
    sessionStorage: new EncryptedSessionStorage(new PrismaSessionStorage(db()), sessionKeyRing()),
    distribution: AppDistribution.AppStore,
    // Webhook subscriptions are declared in shopify.app.toml (app-specific), not registered at runtime.
    future: { unstable_newEmbeddedAuthStrategy: true },
    hooks: {
      // Runs after every token exchange: an install or reinstall brings the shop back (state, history
      // import, schedules); any other login changes nothing. Webhooks need no registering here: Shopify
      // applies the app-specific subscriptions of shopify.app.toml to every install (docs/decisions/0019).
      afterAuth: async ({ session }) => {
        await onShopAuthenticated(db(), session.shop);
      },
    },
  });
}

type ShopifyApp = ReturnType<typeof createShopifyApp>;

declare global {
  var __pulseShopify: ShopifyApp | undefined;
}

/** Built on first use, after the entry point validated the environment and started the database. */
export function shopify(): ShopifyApp {
  globalThis.__pulseShopify ??= createShopifyApp();
  return globalThis.__pulseShopify;
}

export const authenticate = {
  admin: (request: Request) => shopify().authenticate.admin(request),
  webhook: (request: Request) => shopify().authenticate.webhook(request),
};
export const addDocumentResponseHeaders = (request: Request, headers: Headers) =>
  shopify().addDocumentResponseHeaders(request, headers);
export const login = (request: Request) => shopify().login(request);
