/**
 * What each supported topic's body must hold before it is stored. Shopify adds fields over time, so
 * unknown fields pass; what the handlers act on (ids, dates, the shop a destructive topic names) must
 * be there and well formed. Shopify signs the body but not the topic header, so each schema also
 * refuses fields that only another topic's body carries: a genuine order resent as orders/delete, or a
 * customers/redact resent as shop/redact, does not fit.
 */
import { z } from "zod";

/** A Shopify id: an exact JSON integer, or the digits parseJsonExact keeps for larger ones. */
const id = z.union([
  z.number().int().positive().refine(Number.isSafeInteger, "is not an exact integer"),
  z.string().regex(/^\d+$/, "is not an id"),
]);
const timestamp = z.string().refine((value) => !Number.isNaN(Date.parse(value)), "is not a date");
const optionalTimestamp = timestamp.nullish();
const absent = z.never({ error: "belongs to another topic's body" }).optional();
/** The record's GraphQL id, which REST bodies repeat; when present it names the record's kind. */
const gidOf = (resource: string) =>
  z
    .string()
    .regex(new RegExp(`^gid://shopify/${resource}/\\d+$`), `is not a ${resource} id`)
    .optional();
const count = z.number().int().nonnegative();

const order = z.object({
  id,
  admin_graphql_api_id: gidOf("Order"),
  created_at: timestamp,
  updated_at: optionalTimestamp,
  processed_at: optionalTimestamp,
  cancelled_at: optionalTimestamp,
  customer: z.object({ id }).nullish(),
  line_items: z.array(z.object({ id, quantity: count, product_id: id.nullish(), variant_id: id.nullish() })),
  refunds: z.array(z.object({ id, order_id: id, created_at: timestamp })).optional(),
  abandoned_checkout_url: absent,
});

const refund = z.object({
  id,
  admin_graphql_api_id: gidOf("Refund"),
  order_id: id,
  created_at: timestamp,
  processed_at: optionalTimestamp,
});

const customer = z.object({
  id,
  admin_graphql_api_id: gidOf("Customer"),
  created_at: timestamp,
  updated_at: optionalTimestamp,
  email: z.string().nullish(),
  line_items: absent,
  order_number: absent,
});

// orders/delete and customers/delete carry the id of a record that is gone, not the record.
const deleted = (resource: string) =>
  z.object({ id, admin_graphql_api_id: gidOf(resource), created_at: absent, line_items: absent });

const checkout = z.object({
  token: z.string().min(1),
  id: id.nullish(),
  created_at: timestamp,
  updated_at: optionalTimestamp,
  completed_at: optionalTimestamp,
  customer: z.object({ id }).nullish(),
  order_number: absent,
  financial_status: absent,
});

const cart = z.object({
  token: z.string().min(1),
  created_at: timestamp,
  updated_at: optionalTimestamp,
  line_items: z.array(z.object({ quantity: count })).optional(),
  order_number: absent,
  abandoned_checkout_url: absent,
});

/** The REST shop object: the body of shop/update and of app/uninstalled. */
const shop = z.object({ id, myshopify_domain: z.string().min(1), shop_id: absent, shop_domain: absent });

const privacyCustomer = z.object({ id, email: z.string().nullish(), phone: z.string().nullish() });

const shopRedact = z.object({
  shop_id: id,
  shop_domain: z.string().min(1),
  customer: absent,
  orders_to_redact: absent,
  orders_requested: absent,
  data_request: absent,
});

const customersRedact = z.object({
  shop_id: id,
  shop_domain: z.string().min(1),
  customer: privacyCustomer,
  orders_to_redact: z.array(id),
  orders_requested: absent,
  data_request: absent,
});

const customersDataRequest = z.object({
  shop_id: id,
  shop_domain: z.string().min(1),
  customer: privacyCustomer,
  orders_requested: z.array(id),
  data_request: z.object({ id }),
  orders_to_redact: absent,
});

const bulkOperationFinish = z.object({
  admin_graphql_api_id: z
    .string()
    .regex(/^gid:\/\/shopify\/BulkOperation\/\d+$/, "is not a bulk operation id"),
  status: z.string().min(1),
});

export const PAYLOAD_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  "orders/create": order,
  "orders/updated": order,
  "orders/cancelled": order,
  "orders/delete": deleted("Order"),
  "refunds/create": refund,
  "customers/create": customer,
  "customers/update": customer,
  "customers/delete": deleted("Customer"),
  "checkouts/create": checkout,
  "checkouts/update": checkout,
  "carts/create": cart,
  "carts/update": cart,
  "shop/update": shop,
  "app/uninstalled": shop,
  "bulk_operations/finish": bulkOperationFinish,
  "customers/data_request": customersDataRequest,
  "customers/redact": customersRedact,
  "shop/redact": shopRedact,
};

/** Topics that erase or disable: they act only on a recent delivery that names the shop it came for. */
export const DESTRUCTIVE_TOPICS: ReadonlySet<string> = new Set([
  "app/uninstalled",
  "shop/redact",
  "customers/redact",
  "customers/data_request",
]);

/** Topics whose body names the shop; shop/update also sets the shop's id, currency and timezone. */
const IDENTIFIED_TOPICS: ReadonlySet<string> = new Set([...DESTRUCTIVE_TOPICS, "shop/update"]);

export type PayloadCheck =
  { ok: true; shopIdentity: { domain: string; shopifyId: bigint } | null } | { ok: false; reason: string };

/**
 * Checks a parsed body against its topic. The reason names the fields, never their values (a failed
 * event keeps no payload, and the reason must not become the copy of one).
 */
export function checkPayload(topic: string, payload: unknown): PayloadCheck {
  const schema = PAYLOAD_SCHEMAS[topic];
  if (!schema) return { ok: false, reason: `unsupported topic ${topic}` };
  const result = schema.safeParse(payload);
  if (!result.success) {
    const problems = result.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join(".") || "body"} ${issue.message}`);
    return { ok: false, reason: `body does not fit ${topic}: ${problems.join("; ")}` };
  }
  if (!IDENTIFIED_TOPICS.has(topic)) return { ok: true, shopIdentity: null };
  const body = payload as {
    id?: number | string;
    myshopify_domain?: string;
    shop_id?: number | string;
    shop_domain?: string;
  };
  const domain = (body.shop_domain ?? body.myshopify_domain)!;
  const shopifyId = BigInt((body.shop_id ?? body.id)!);
  return { ok: true, shopIdentity: { domain: domain.toLowerCase(), shopifyId } };
}
