import { createHash } from "node:crypto";

/** Shopify's GraphQL global id, which every REST payload repeats as `admin_graphql_api_id`. */
export function gid(resource: string, id: number | string): string {
  return `gid://shopify/${resource}/${id}`;
}

/**
 * A stable 32-hex token (checkout/cart tokens look like this) derived from a seed,
 * so fixtures stay identical run to run.
 */
export function tokenFrom(seed: string): string {
  return createHash("sha256").update(seed).digest("hex").slice(0, 32);
}

/**
 * Child ids (line items, refund lines, transactions) derived from the parent id so builders
 * need no counters. A hash, not arithmetic, because real parent ids already use most of the
 * 2^53 range that JSON numbers can carry exactly; 52 bits keep the child safe too.
 */
export function childId(parentId: number, kind: number, index: number): number {
  const hex = createHash("sha256").update(`${parentId}:${kind}:${index}`).digest("hex");
  return Number.parseInt(hex.slice(0, 13), 16) || 1;
}

export const CHILD_KIND = {
  lineItem: 1,
  shippingLine: 2,
  refundLineItem: 3,
  refundShippingLine: 4,
  transaction: 5,
  orderAdjustment: 6,
  discountApplication: 7,
} as const;

/** A stable numeric shop id for a fake shop that was given none (a safe integer, like real shop ids). */
export function fakeShopifyId(domain: string): number {
  return Number.parseInt(createHash("sha256").update(`shop:${domain}`).digest("hex").slice(0, 10), 16) || 1;
}
