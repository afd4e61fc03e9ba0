/** The app's page in the Shopify admin: admin.shopify.com/store/<handle>/apps/<api key>. */
export function dashboardUrl(shopDomain: string, apiKey: string): string {
  const handle = shopDomain.replace(/\.myshopify\.com$/i, "");
  return `https://admin.shopify.com/store/${encodeURIComponent(handle)}/apps/${encodeURIComponent(apiKey)}`;
}

/** A KPI's page of the app inside the admin (the admin appends the path to the app's URL). */
export function kpiPageUrl(dashboard: string, slug: string): string {
  return `${dashboard}/app/kpi/${encodeURIComponent(slug)}`;
}
