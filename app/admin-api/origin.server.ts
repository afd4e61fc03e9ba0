import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";

/**
 * Sends the Shopify library's Admin API requests (https://<shop>/admin/...) to another origin, e.g. the
 * local fake Admin API. It replaces the runtime adapter's fetch, the hook @shopify/shopify-api offers
 * for platform adapters, so every client the library builds (unauthenticated.admin, admin.graphql, token
 * exchange) goes there with no other change. Production leaves SHOPIFY_ADMIN_API_ORIGIN unset and this
 * is never called. See docs/decisions/0006-admin-api-origin-and-history-import.md.
 */
export function adminApiFetch(origin: URL, base: typeof fetch): typeof fetch {
  return (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (!url.pathname.startsWith("/admin/")) return base(input, init);
    const target = new URL(`${url.pathname}${url.search}`, origin);
    return base(input instanceof Request ? new Request(target, input) : target, init);
  };
}

let routedTo: string | undefined;

/** Idempotent per origin; call after the Shopify adapter was imported (it installs its own fetch). */
export function routeAdminApiTo(origin: string | undefined): void {
  if (!origin || routedTo === origin) return;
  setAbstractFetchFunc(adminApiFetch(new URL(origin), globalThis.fetch));
  routedTo = origin;
}
