/** The app's page in the Shopify admin: admin.shopify.com/store/<handle>/apps/<api key>. */
export function dashboardUrl(shopDomain: string, apiKey: string): string {
  const handle = shopDomain.replace(/\.myshopify\.com$/i, "");
  return `https://admin.shopify.com/store/${encodeURIComponent(handle)}/apps/${encodeURIComponent(apiKey)}`;
}
