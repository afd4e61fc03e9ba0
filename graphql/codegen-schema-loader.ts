import { loadShopifyAdminSchema } from "./admin-schema";

/** graphql-codegen's custom schema loader: Shopify's schema from the vendored file, no network. */
export default function loadSchema() {
  return loadShopifyAdminSchema();
}
