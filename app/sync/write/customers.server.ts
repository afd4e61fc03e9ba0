import type { Prisma } from "@prisma/client";
import { newestPerKey } from "~/kpi/versions";
import { text, utc } from "./batch-rows.server";
import { eraseDeletedCustomer } from "./erase-customer.server";
import type { CustomerRow } from "~/sync/records/rows";
import { isTombstoned, prismaRows, recordTombstones, tombstonedAmong } from "./tombstones.server";

type Tx = Prisma.TransactionClient;

/** Newer `updated_at` wins, then guest orders are re-keyed to match what is known now. */
export async function upsertCustomer(tx: Tx, shopId: number, customer: CustomerRow): Promise<void> {
  await upsertCustomers(tx, shopId, [customer]);
}

/**
 * The set-based form of upsertCustomer. Returns how many rows were inserted or replaced by a newer
 * version. The emails a written row had before and has now are re-keyed on guest orders.
 */
export async function upsertCustomers(tx: Tx, shopId: number, rows: readonly CustomerRow[]): Promise<number> {
  const newest = newestPerKey(
    rows,
    (c) => String(c.id),
    (c) => c.shopifyUpdated,
    "later",
  );
  // A forgotten customer's row would be nothing but their personal data: it is not written at all.
  const forgotten = await tombstonedAmong(prismaRows(tx), shopId, {
    customerIds: newest.map((c) => c.id),
    emails: newest.map((c) => c.email),
    phones: newest.map((c) => c.phone),
  });
  const customers = newest.filter(
    (c) => !isTombstoned(forgotten, { customerId: c.id, email: c.email, phone: c.phone }),
  );
  if (customers.length === 0) return 0;
  const column = <T>(pick: (c: CustomerRow) => T) => customers.map(pick);
  // Every CTE reads the same snapshot, so `before` holds the emails as they were before this write.
  const written = await tx.$queryRaw<{ before: string | null; after: string | null }[]>`
    WITH v AS (
      SELECT * FROM unnest(
        ${column((c) => text(c.id))}::bigint[], ${column((c) => c.email)}::text[], ${column((c) => c.firstName)}::text[],
        ${column((c) => c.lastName)}::text[], ${column((c) => c.state)}::text[],
        ${column((c) => utc(c.shopifyCreated))}::timestamp[], ${column((c) => utc(c.shopifyUpdated))}::timestamp[]
      ) AS v(id, email, first_name, last_name, state, created_at, updated_at)
    ),
    before AS (
      SELECT c.id, c.email FROM customer c WHERE c.shop_id = ${shopId} AND c.id IN (SELECT id FROM v)
    ),
    up AS (
      INSERT INTO customer AS c (shop_id, id, email, first_name, last_name, state, shopify_created_at, shopify_updated_at)
      SELECT ${shopId}, v.id, v.email, v.first_name, v.last_name, v.state, v.created_at, v.updated_at FROM v
      ON CONFLICT (shop_id, id) DO UPDATE SET
        email = EXCLUDED.email,
        first_name = EXCLUDED.first_name,
        last_name = EXCLUDED.last_name,
        state = EXCLUDED.state,
        shopify_created_at = EXCLUDED.shopify_created_at,
        shopify_updated_at = EXCLUDED.shopify_updated_at
      WHERE c.shopify_updated_at < EXCLUDED.shopify_updated_at AND c.deleted_at IS NULL
      RETURNING c.id, c.email
    )
    SELECT before.email AS before, up.email AS after FROM up LEFT JOIN before ON before.id = up.id`;
  if (written.length > 0)
    await rekeyGuestOrders(
      tx,
      shopId,
      written.flatMap((row) => [row.before, row.after]),
    );
  return written.length;
}

/**
 * customers/delete: the row goes rather than being marked deleted, and a tombstone of the id keeps a
 * late customers/update or a reconciliation from writing it back (docs/decisions/0020). Guest orders
 * that were joined to the customer by email become email-keyed guests again.
 */
export async function deleteCustomer(
  tx: Tx,
  shopId: number,
  customerId: bigint,
  webhookId: string | null = null,
): Promise<void> {
  const email = await emailOf(tx, shopId, customerId);
  await eraseDeletedCustomer(tx, shopId, customerId, webhookId);
  await recordTombstones(tx, shopId, { customerIds: [customerId] });
  await rekeyGuestOrders(tx, shopId, [email]);
}

async function emailOf(tx: Tx, shopId: number, customerId: bigint): Promise<string | null> {
  const row = await tx.customer.findUnique({
    where: { shopId_id: { shopId, id: customerId } },
    select: { email: true },
  });
  return row?.email ?? null;
}

/**
 * Identity for guest orders (no customer id) is resolved with everything known now (docs/kpi-definitions.md,
 * Ground rules): a guest email joins the earliest live customer holding it, or stays an email-keyed guest.
 * Only the orders of the emails a customer change touched are looked at, and only rows whose key changes are
 * written.
 */
export async function rekeyGuestOrders(tx: Tx, shopId: number, emails: (string | null)[]): Promise<void> {
  const affected = [...new Set(emails.filter((email): email is string => !!email))];
  if (affected.length === 0) return;
  await tx.$executeRaw`
    UPDATE "order" o SET customer_key = resolved.key
    FROM (
      SELECT g.id, COALESCE(
        (SELECT 'c:' || c.id FROM customer c
          WHERE c.shop_id = g.shop_id AND c.email = g.email AND c.deleted_at IS NULL
          ORDER BY c.shopify_created_at, c.id LIMIT 1),
        'e:' || g.email) AS key
      FROM "order" g
      WHERE g.shop_id = ${shopId} AND g.customer_id IS NULL AND g.email = ANY(${affected})
        AND g.customer_key NOT LIKE 'anon:%'
    ) resolved
    WHERE o.shop_id = ${shopId} AND o.id = resolved.id AND o.customer_key IS DISTINCT FROM resolved.key`;
}
