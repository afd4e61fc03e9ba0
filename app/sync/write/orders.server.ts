/**
 * The writer of order rows, whichever wire format they were read from: webhooks, the daily
 * reconciliation and the history import (which streams the same statement over COPY,
 * bulk-orders.server.ts) all store orders and refunds with the statements below.
 */
import { Prisma } from "@prisma/client";
import type { CustomerRow, OrderRow, OrderRows, RefundRow } from "~/sync/records/rows";
import { newestPerKey } from "~/kpi/versions";
import { text, utc } from "./batch-rows.server";
import { upsertCustomer, upsertCustomers } from "./customers.server";
import { lockOrdersForWrite } from "./order-lock.server";
import { prismaRows, tombstonedAmong, type Tombstoned } from "./tombstones.server";

type Tx = Prisma.TransactionClient;

/**
 * Stores orders with their refunds, and the customers they carried in full, under the per-order lock
 * taken first (order-lock.server.ts). Returns how many order rows were inserted or replaced by a newer
 * version, i.e. how many the database lacked or held in an older version.
 */
export async function writeOrderRows(tx: Tx, shopId: number, rows: readonly OrderRows[]): Promise<number> {
  await lockOrdersForWrite(
    tx,
    shopId,
    rows.map((r) => r.order.id),
  );
  const customers = rows.flatMap((r) => (r.customer ? [r.customer] : []));
  if (customers.length > 0) await upsertCustomers(tx, shopId, customers);
  const written = await upsertOrders(
    tx,
    shopId,
    rows.map((r) => r.order),
  );
  await upsertRefunds(
    tx,
    shopId,
    rows.flatMap((r) => r.refunds),
  );
  return written;
}

/**
 * Newer `updated_at` wins: an older or equal delivery never overwrites what is stored, so duplicates
 * and out-of-order deliveries converge on the newest version. Deletion and redaction are sticky. Without
 * the order lock: for seeding tests and benchmarks; the app writes through writeOrderRows.
 */
export async function upsertOrder(
  tx: Tx,
  shopId: number,
  order: OrderRow,
  customer?: CustomerRow | null,
): Promise<void> {
  if (customer) await upsertCustomer(tx, shopId, customer);
  await upsertOrders(tx, shopId, [order]);
}

/**
 * The columns a batch of orders is read from (`v` in upsertOrdersStatement), one row per order with at
 * most one row per id: id, name, customer_id, email, ordered_at, created_at, updated_at, cancelled_at,
 * test, currency, presentment_currency, taxes_included, gross, discounts, shipping, taxes, duties, total,
 * units, lines (JSON text), checkout_token, cart_token, source_name. Timestamps are UTC.
 */
export const ORDER_BATCH_COLUMNS = [
  "id",
  "name",
  "customer_id",
  "email",
  "ordered_at",
  "created_at",
  "updated_at",
  "cancelled_at",
  "test",
  "currency",
  "presentment_currency",
  "taxes_included",
  "gross",
  "discounts",
  "shipping",
  "taxes",
  "duties",
  "total",
  "units",
  "lines",
  "checkout_token",
  "cart_token",
  "source_name",
] as const;

/**
 * The set-based form of upsertOrder (webhooks, backfill and reconciliation share it): one statement
 * per batch under the same newer-wins rule. Returns how many rows were inserted or replaced by a
 * newer version, i.e. how many the database lacked or held in an older version.
 */
export async function upsertOrders(tx: Tx, shopId: number, rows: readonly OrderRow[]): Promise<number> {
  const orders = newestPerKey(
    rows,
    (o) => String(o.id),
    (o) => o.shopifyUpdated,
    "later",
  );
  if (orders.length === 0) return 0;
  const forgotten = await tombstonedAmong(prismaRows(tx), shopId, {
    customerIds: orders.map((o) => o.customerId),
    emails: orders.map((o) => o.email),
  });
  const column = <T>(pick: (o: OrderRow) => T) => orders.map(pick);
  return tx.$executeRaw(
    upsertOrdersStatement(
      shopId,
      forgotten,
      Prisma.sql`
    unnest(
      ${column((o) => text(o.id))}::bigint[], ${column((o) => o.name)}::text[], ${column((o) => text(o.customerId))}::bigint[],
      ${column((o) => o.email)}::text[], ${column((o) => utc(o.orderedAt))}::timestamp[],
      ${column((o) => utc(o.shopifyCreated))}::timestamp[], ${column((o) => utc(o.shopifyUpdated))}::timestamp[],
      ${column((o) => utc(o.cancelledAt))}::timestamp[], ${column((o) => o.test)}::boolean[], ${column((o) => o.currency)}::text[],
      ${column((o) => o.presentmentCurrency)}::text[], ${column((o) => o.taxesIncluded)}::boolean[],
      ${column((o) => text(o.grossMinor))}::bigint[], ${column((o) => text(o.discountsMinor))}::bigint[],
      ${column((o) => text(o.shippingMinor))}::bigint[], ${column((o) => text(o.taxesMinor))}::bigint[],
      ${column((o) => text(o.dutiesMinor))}::bigint[], ${column((o) => text(o.totalMinor))}::bigint[],
      ${column((o) => o.units)}::int[], ${column((o) => JSON.stringify(o.lines))}::text[],
      ${column((o) => o.checkoutToken)}::text[], ${column((o) => o.cartToken)}::text[], ${column((o) => o.sourceName)}::text[]
    ) AS v(${Prisma.raw(ORDER_BATCH_COLUMNS.join(", "))})`,
    ),
  );
}

/**
 * The newer-wins upsert of a batch of orders read from `source` (a relation named `v` with
 * ORDER_BATCH_COLUMNS): the one statement both the webhook path (unnest of arrays) and the history
 * import (a COPY-filled staging table, bulk-orders.server.ts) run. An order of a forgotten
 * customer (`forgotten`: their tombstoned ids and emails among the batch's) is stored without their id
 * and email, under an anonymous key of its own.
 */
export function upsertOrdersStatement(
  shopId: number,
  forgotten: Pick<Tombstoned, "customerIds" | "emails">,
  source: Prisma.Sql,
): Prisma.Sql {
  const ids = [...forgotten.customerIds];
  const emails = [...forgotten.emails];
  // The usual batch names nobody forgotten: then the statement is exactly the plain upsert.
  const isForgotten =
    ids.length === 0 && emails.length === 0
      ? Prisma.sql`false`
      : Prisma.sql`COALESCE(v.customer_id = ANY(${ids}::bigint[]) OR v.email = ANY(${emails}::text[]), false)`;
  return Prisma.sql`
    INSERT INTO "order" AS o (
      shop_id, id, name, customer_id, email, customer_key, ordered_at, shopify_created_at, shopify_updated_at,
      cancelled_at, test, currency, presentment_currency, taxes_included, gross_minor, discounts_minor,
      shipping_minor, taxes_minor, duties_minor, total_minor, units, lines, checkout_token, cart_token, source_name
    )
    SELECT ${shopId}::int, v.id, v.name,
      CASE WHEN ${isForgotten} THEN NULL ELSE v.customer_id END,
      CASE WHEN ${isForgotten} THEN NULL ELSE v.email END,
      CASE
        WHEN ${isForgotten} THEN 'anon:' || gen_random_uuid()
        WHEN v.customer_id IS NOT NULL THEN 'c:' || v.customer_id
        WHEN v.email IS NULL THEN NULL
        -- Identity (docs/kpi-definitions.md): the Shopify customer; else the earliest live customer holding
        -- the guest's normalised email (resolved with everything known now); else an email-keyed guest; else
        -- none.
        ELSE COALESCE(
          (SELECT 'c:' || c.id FROM customer c
            WHERE c.shop_id = ${shopId}::int AND c.email = v.email AND c.deleted_at IS NULL
            ORDER BY c.shopify_created_at, c.id LIMIT 1),
          'e:' || v.email)
      END,
      v.ordered_at, v.created_at, v.updated_at, v.cancelled_at, v.test, v.currency, v.presentment_currency,
      v.taxes_included, v.gross, v.discounts, v.shipping, v.taxes, v.duties, v.total, v.units, v.lines::jsonb,
      v.checkout_token, v.cart_token, v.source_name
    FROM ${source}
    ON CONFLICT (shop_id, id) DO UPDATE SET
      name = EXCLUDED.name,
      customer_id = CASE WHEN o.customer_key LIKE 'anon:%' THEN NULL ELSE EXCLUDED.customer_id END,
      email = CASE WHEN o.customer_key LIKE 'anon:%' THEN NULL ELSE EXCLUDED.email END,
      customer_key = CASE WHEN o.customer_key LIKE 'anon:%' THEN o.customer_key ELSE EXCLUDED.customer_key END,
      ordered_at = EXCLUDED.ordered_at,
      shopify_created_at = EXCLUDED.shopify_created_at,
      shopify_updated_at = EXCLUDED.shopify_updated_at,
      cancelled_at = EXCLUDED.cancelled_at,
      test = EXCLUDED.test,
      currency = EXCLUDED.currency,
      presentment_currency = EXCLUDED.presentment_currency,
      taxes_included = EXCLUDED.taxes_included,
      gross_minor = EXCLUDED.gross_minor,
      discounts_minor = EXCLUDED.discounts_minor,
      shipping_minor = EXCLUDED.shipping_minor,
      taxes_minor = EXCLUDED.taxes_minor,
      duties_minor = EXCLUDED.duties_minor,
      total_minor = EXCLUDED.total_minor,
      units = EXCLUDED.units,
      lines = EXCLUDED.lines,
      checkout_token = EXCLUDED.checkout_token,
      cart_token = EXCLUDED.cart_token,
      source_name = EXCLUDED.source_name
    WHERE o.shopify_updated_at < EXCLUDED.shopify_updated_at`;
}

/** orders/delete carries only the id. A delete that overtakes its create leaves a tombstone. */
export async function deleteOrder(
  tx: Tx,
  shopId: number,
  orderId: bigint,
  at: Date,
  currency: string,
): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "order" AS o (
      shop_id, id, ordered_at, shopify_created_at, shopify_updated_at, deleted_at, currency, gross_minor,
      discounts_minor, shipping_minor, taxes_minor, duties_minor, total_minor, units, lines
    ) VALUES (${shopId}, ${orderId}, ${at}, ${at}, 'epoch'::timestamp, ${at}, ${currency}, 0, 0, 0, 0, 0, 0, 0, '[]'::jsonb)
    ON CONFLICT (shop_id, id) DO UPDATE SET deleted_at = COALESCE(o.deleted_at, EXCLUDED.deleted_at)`;
}

/** Refunds do not change once created; a redelivery rewrites the same values. */
export async function upsertRefund(tx: Tx, shopId: number, refund: RefundRow): Promise<void> {
  await upsertRefunds(tx, shopId, [refund]);
}

export async function upsertRefunds(tx: Tx, shopId: number, rows: readonly RefundRow[]): Promise<number> {
  const statement = upsertRefundsStatement(shopId, rows);
  return statement ? tx.$executeRaw(statement) : 0;
}

/** The set-based refund upsert (null for no rows), shared by upsertRefunds and the history import. */
export function upsertRefundsStatement(shopId: number, rows: readonly RefundRow[]): Prisma.Sql | null {
  const refunds = newestPerKey(
    rows,
    (r) => String(r.id),
    () => new Date(0),
    "later",
  );
  if (refunds.length === 0) return null;
  const column = <T>(pick: (r: RefundRow) => T) => refunds.map(pick);
  return Prisma.sql`
    INSERT INTO refund (
      shop_id, id, order_id, refunded_at, shopify_created_at, lines_subtotal_minor, shipping_minor, taxes_minor,
      duties_minor, units
    )
    SELECT ${shopId}::int, v.* FROM unnest(
      ${column((r) => text(r.id))}::bigint[], ${column((r) => text(r.orderId))}::bigint[],
      ${column((r) => utc(r.refundedAt))}::timestamp[], ${column((r) => utc(r.shopifyCreated))}::timestamp[],
      ${column((r) => text(r.linesSubtotalMinor))}::bigint[], ${column((r) => text(r.shippingMinor))}::bigint[],
      ${column((r) => text(r.taxesMinor))}::bigint[], ${column((r) => text(r.dutiesMinor))}::bigint[],
      ${column((r) => r.units)}::int[]
    ) AS v
    ON CONFLICT (shop_id, id) DO UPDATE SET
      order_id = EXCLUDED.order_id,
      refunded_at = EXCLUDED.refunded_at,
      shopify_created_at = EXCLUDED.shopify_created_at,
      lines_subtotal_minor = EXCLUDED.lines_subtotal_minor,
      shipping_minor = EXCLUDED.shipping_minor,
      taxes_minor = EXCLUDED.taxes_minor,
      duties_minor = EXCLUDED.duties_minor,
      units = EXCLUDED.units`;
}
