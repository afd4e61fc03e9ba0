/** Links into the Shopify admin: admin.shopify.com/store/<handle>/…, the handle being the shop's myshopify name. */
const storeAdmin = (shopDomain: string): string =>
  `https://admin.shopify.com/store/${encodeURIComponent(shopDomain.replace(/\.myshopify\.com$/i, ""))}`;

/** The app's page in the Shopify admin: admin.shopify.com/store/<handle>/apps/<api key>. */
export function dashboardUrl(shopDomain: string, apiKey: string): string {
  return `${storeAdmin(shopDomain)}/apps/${encodeURIComponent(apiKey)}`;
}

/** A KPI's page of the app inside the admin (the admin appends the path to the app's URL). */
export function kpiPageUrl(dashboard: string, slug: string): string {
  return `${dashboard}/app/kpi/${encodeURIComponent(slug)}`;
}

/** A customer's page in the Shopify admin, from their Shopify customer id. */
export function customerAdminUrl(shopDomain: string, customerId: string): string {
  return `${storeAdmin(shopDomain)}/customers/${encodeURIComponent(customerId)}`;
}
