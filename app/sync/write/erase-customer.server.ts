/**
 * Erasing one customer from every table: the rows that name them lose the name, their orders move to
 * anonymous keys (one per key they had, so no past KPI moves), and stored webhook payloads that mention
 * them are dropped whatever their state.
 */
import crypto from "node:crypto";
import { Prisma } from "@prisma/client";
import { renameCustomerKeys } from "~/kpi-engine/forget.server";
import { lockShopKpis } from "~/kpi-engine/shop-lock.server";
import { normaliseEmail } from "~/sync/records/fields";
import { normalisePhone } from "./tombstones.server";

type Tx = Prisma.TransactionClient;

export interface CustomerIdentity {
  readonly customerId: bigint | null;
  /** Normalised; every address seen for the customer (it may have changed over time). */
  readonly emails: string[];
  /** Digits only. */
  readonly phones: string[];
  readonly orderIds: bigint[];
}

const unique = (values: (string | null | undefined)[]): string[] => [
  ...new Set(values.filter((v): v is string => !!v)),
];

/** Stored payloads that are about this customer: by their id, their orders, or their Shopify gid. */
function namesCustomer(customerId: bigint | null, orderIds: bigint[]): Prisma.Sql {
  const id = customerId === null ? null : String(customerId);
  const orders = orderIds.map(String);
  return Prisma.sql`(
    (${id}::text IS NOT NULL AND (
      (e.topic LIKE 'customers/%' AND e.payload->>'id' = ${id}::text)
      OR e.payload->'customer'->>'id' = ${id}::text))
    OR (e.topic LIKE 'orders/%' AND e.payload->>'id' = ANY(${orders}::text[]))
    OR (e.topic = 'refunds/create' AND e.payload->>'order_id' = ANY(${orders}::text[])))`;
}

/**
 * Everything the database knows identifies the customer: the request's own id, email and phone, plus
 * every email and phone their customer row, orders, checkouts and stored payloads carried (an address
 * that changed, a phone the request did not repeat).
 */
export async function gatherIdentity(
  tx: Tx,
  shopId: number,
  request: {
    customerId: bigint | null;
    emails: (string | null | undefined)[];
    phones: (string | null | undefined)[];
    orderIds: bigint[];
  },
): Promise<CustomerIdentity> {
  const { customerId, orderIds } = request;
  const emails = await tx.$queryRaw<{ email: string | null }[]>`
    SELECT email FROM customer WHERE shop_id = ${shopId} AND id = ${customerId}
    UNION SELECT email FROM "order" WHERE shop_id = ${shopId} AND (customer_id = ${customerId} OR id = ANY(${orderIds}::bigint[]))
    UNION SELECT email FROM checkout WHERE shop_id = ${shopId} AND customer_id = ${customerId}
    UNION SELECT email FROM data_request WHERE shop_id = ${shopId} AND customer_id = ${customerId}`;
  const fromPayloads = await tx.$queryRaw<{ email: string | null; phone: string | null }[]>`
    SELECT x.email, x.phone FROM webhook_event e
    CROSS JOIN LATERAL (VALUES
      (e.payload->>'email', e.payload->>'phone'),
      (e.payload->>'contact_email', e.payload->'default_address'->>'phone'),
      (e.payload->'customer'->>'email', e.payload->'customer'->>'phone'),
      (NULL, e.payload->'customer'->'default_address'->>'phone')
    ) AS x(email, phone)
    WHERE e.shop_id = ${shopId} AND e.payload IS NOT NULL AND jsonb_typeof(e.payload) = 'object' AND ${namesCustomer(customerId, orderIds)}`;
  return {
    customerId,
    orderIds,
    emails: unique(
      [...request.emails, ...emails.map((r) => r.email), ...fromPayloads.map((r) => r.email)].map(
        normaliseEmail,
      ),
    ),
    phones: unique([...request.phones, ...fromPayloads.map((r) => r.phone)].map(normalisePhone)),
  };
}

/** Erases the customer everywhere. `keepWebhookId`: the event doing it, whose payload its own commit clears. */
export async function eraseCustomer(
  tx: Tx,
  shopId: number,
  who: CustomerIdentity,
  keepWebhookId: string | null,
): Promise<void> {
  const { customerId, emails, orderIds } = who;
  await lockShopKpis(tx, shopId);

  // Each key the customer's orders were counted under gets an anonymous key of its own: merging them
  // would turn two counted customers into one and move past KPIs.
  const listed = await tx.$queryRaw<{ key: string }[]>`
    SELECT DISTINCT customer_key AS key FROM "order"
    WHERE shop_id = ${shopId} AND id = ANY(${orderIds}::bigint[]) AND customer_key IS NOT NULL AND customer_key NOT LIKE 'anon:%'`;
  const keys = unique([
    customerId === null ? null : `c:${customerId}`,
    ...emails.map((email) => `e:${email}`),
    ...listed.map((r) => r.key),
  ]);
  const renames = keys.map((from) => ({ from, to: `anon:${crypto.randomUUID()}` }));
  await tx.$executeRaw`
    UPDATE "order" o SET
      customer_key = COALESCE(
        (SELECT m.to_key FROM unnest(${keys}::text[], ${renames.map((r) => r.to)}::text[]) AS m(from_key, to_key) WHERE m.from_key = o.customer_key),
        o.customer_key),
      customer_id = NULL, email = NULL
    WHERE o.shop_id = ${shopId}
      AND (o.customer_id = ${customerId} OR o.email = ANY(${emails}::text[]) OR o.id = ANY(${orderIds}::bigint[])
           OR o.customer_key = ANY(${keys}::text[]))`;
  await renameCustomerKeys(tx, shopId, renames);

  await tx.$executeRaw`
    UPDATE checkout SET email = NULL, customer_id = NULL
    WHERE shop_id = ${shopId} AND (customer_id = ${customerId} OR email = ANY(${emails}::text[]))`;
  await tx.$executeRaw`DELETE FROM customer WHERE shop_id = ${shopId} AND id = ${customerId}`;
  // What the metafield sync last wrote to them (their id and a hash of their values).
  await tx.$executeRaw`DELETE FROM clv_metafield_state WHERE shop_id = ${shopId} AND customer_id = ${customerId}`;
  await tx.$executeRaw`
    DELETE FROM data_request WHERE shop_id = ${shopId} AND (customer_id = ${customerId} OR lower(email) = ANY(${emails}::text[]))`;
  await eraseFromDigests(tx, shopId, emails);
  await erasePayloads(tx, shopId, who, keepWebhookId);
}

/** A customer who is also a digest recipient: the address goes from the settings and the delivery records. */
async function eraseFromDigests(tx: Tx, shopId: number, emails: string[]): Promise<void> {
  if (emails.length === 0) return;
  const others = (column: string) =>
    `ARRAY(SELECT a FROM unnest(${column}) a WHERE lower(trim(a)) <> ALL($2::text[]))`;
  await tx.$executeRaw`DELETE FROM digest_unsubscribe WHERE shop_id = ${shopId} AND lower(email) = ANY(${emails}::text[])`;
  await tx.$executeRawUnsafe(
    `UPDATE shop_settings SET digest_recipients = ${others("digest_recipients")}
     WHERE shop_id = $1 AND EXISTS (SELECT 1 FROM unnest(digest_recipients) a WHERE lower(trim(a)) = ANY($2::text[]))`,
    shopId,
    emails,
  );
  await tx.$executeRawUnsafe(
    `UPDATE digest_delivery SET sent_to = ${others("sent_to")}, uncertain_to = ${others("uncertain_to")},
       sending_to = CASE WHEN lower(trim(sending_to)) = ANY($2::text[]) THEN NULL ELSE sending_to END
     WHERE shop_id = $1 AND EXISTS (
       SELECT 1 FROM unnest(sent_to || uncertain_to || ARRAY[sending_to]) a WHERE lower(trim(a)) = ANY($2::text[]))`,
    shopId,
    emails,
  );
}

/**
 * Stored payloads about the customer lose their body. A pending one is marked failed (its change is
 * lost; the daily reconciliation fetches the record again, and the tombstone stores it anonymised).
 */
async function erasePayloads(
  tx: Tx,
  shopId: number,
  who: CustomerIdentity,
  keepWebhookId: string | null,
): Promise<void> {
  const id = who.customerId === null ? null : String(who.customerId);
  const gid = id === null ? null : `gid://shopify/Customer/${id}`;
  await tx.$executeRaw`
    UPDATE webhook_event e SET payload = NULL, error = 'payload erased: its customer was redacted',
      status = CASE WHEN e.status = 'received' THEN 'failed'::"WebhookStatus" ELSE e.status END
    WHERE e.shop_id = ${shopId} AND e.payload IS NOT NULL AND e.webhook_id IS DISTINCT FROM ${keepWebhookId}::text
      AND (${namesCustomer(who.customerId, who.orderIds)}
        OR EXISTS (
          SELECT 1 FROM jsonb_path_query(e.payload, 'lax $.**') AS leaf(v)
          WHERE (jsonb_typeof(leaf.v) = 'string' AND (
                  lower(trim(leaf.v #>> '{}')) = ANY(${who.emails}::text[])
                  OR leaf.v #>> '{}' = ${gid}::text
                  OR ((leaf.v #>> '{}') ~ '^[+0-9 ().-]{6,}$' AND regexp_replace(leaf.v #>> '{}', '\\D', '', 'g') = ANY(${who.phones}::text[]))))
             OR (jsonb_typeof(leaf.v) = 'number' AND leaf.v::text = ${id}::text)))`;
}

/**
 * customers/delete: the customer's own row and what names their id go. Orders keep their contact email
 * and id (Shopify deletes only customers without orders, and a merged customer's orders move to the
 * survivor by orders/updated), and nothing is matched by email: a merged duplicate shares the survivor's.
 */
export async function eraseDeletedCustomer(
  tx: Tx,
  shopId: number,
  customerId: bigint,
  keepWebhookId: string | null,
): Promise<void> {
  await tx.$executeRaw`UPDATE checkout SET email = NULL, customer_id = NULL WHERE shop_id = ${shopId} AND customer_id = ${customerId}`;
  await tx.$executeRaw`DELETE FROM customer WHERE shop_id = ${shopId} AND id = ${customerId}`;
  // What the metafield sync last wrote to them (their id and a hash of their values).
  await tx.$executeRaw`DELETE FROM clv_metafield_state WHERE shop_id = ${shopId} AND customer_id = ${customerId}`;
  await tx.$executeRaw`DELETE FROM data_request WHERE shop_id = ${shopId} AND customer_id = ${customerId}`;
  await erasePayloads(tx, shopId, { customerId, emails: [], phones: [], orderIds: [] }, keepWebhookId);
}
