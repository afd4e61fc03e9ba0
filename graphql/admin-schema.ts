import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from "graphql";

/** The Admin API version the vendored schema describes; the app pins the same one (app/shopify.server.ts). */
export const ADMIN_SCHEMA_VERSION = "2026-10";

export const ADMIN_SCHEMA_FILE = new URL(`./admin-${ADMIN_SCHEMA_VERSION}.schema.json.gz`, import.meta.url);

/** Shopify's published Admin GraphQL schema (introspection result), built into a schema `graphql` validates against. */
export function loadShopifyAdminSchema(): GraphQLSchema {
  const introspection = JSON.parse(gunzipSync(readFileSync(ADMIN_SCHEMA_FILE)).toString("utf8")) as {
    data: IntrospectionQuery;
  };
  return buildClientSchema(introspection.data);
}
