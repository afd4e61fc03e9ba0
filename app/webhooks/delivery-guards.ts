/**
 * Checks on what Shopify does not sign: its headers. The HMAC covers the body only, so the shop
 * domain, topic, webhook id and trigger time of a delivery can be anyone's. Pure functions, so every
 * rule is unit-testable; decision 0021 explains them.
 */

/** Exactly `<name>.myshopify.com`, as Shopify writes it (lower case, no port, path or trailing dot). */
const MYSHOPIFY_DOMAIN = /^[a-z0-9][a-z0-9-]{0,99}\.myshopify\.com$/;

export function isMyshopifyDomain(value: string): boolean {
  return MYSHOPIFY_DOMAIN.test(value);
}

// Shopify retries a failed delivery 8 times over 4 hours, each time with the original trigger time
// (shopify.dev changelog, "Updates to webhook retry mechanism", 2024-09-10).
export const SHOPIFY_RETRY_WINDOW_MS = 4 * 60 * 60 * 1000;
// Shopify's clock and ours may disagree a little.
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** Why a destructive delivery is too old (or from the future) to act on, or null when it is fresh. */
export function staleReason(triggeredAt: Date | null, now: Date): string | null {
  if (!triggeredAt) return "X-Shopify-Triggered-At is missing or not a date";
  const age = now.getTime() - triggeredAt.getTime();
  if (age > SHOPIFY_RETRY_WINDOW_MS + CLOCK_SKEW_MS) {
    return `triggered at ${triggeredAt.toISOString()}, older than Shopify's 4-hour retry window`;
  }
  if (age < -CLOCK_SKEW_MS) return `triggered at ${triggeredAt.toISOString()}, in the future`;
  return null;
}

export interface ShopIdentity {
  domain: string;
  shopifyId: bigint;
}

/**
 * Why the shop a body names is not the shop the delivery is for, or null when it is. The body names
 * the shop by domain and id; both must be the header's shop, and the id must be the one the app
 * knows for that shop. A shop whose id the app has not learnt yet is identified by its domain alone:
 * the signed body pairs the two, so the domain is as good a proof as the id.
 */
export function identityMismatch(
  named: ShopIdentity,
  headerDomain: string,
  knownShopifyId: bigint | null,
): string | null {
  if (named.domain !== headerDomain) return "the body names another shop's domain than X-Shopify-Shop-Domain";
  if (knownShopifyId !== null && named.shopifyId !== knownShopifyId)
    return "the body names another shop id than the shop's";
  return null;
}

export function parseHeaderDate(value: string | null): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
