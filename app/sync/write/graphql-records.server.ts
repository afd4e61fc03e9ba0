/**
 * Admin GraphQL records (a reconciliation page, or a bulk batch of customers or checkouts) read into
 * rows by the one row builder and stored by the writers the webhooks use. The history import's orders
 * take the COPY path instead (bulk-orders.server.ts), built by the same builder.
 */
import type { Prisma } from "@prisma/client";
import { log } from "~/logger.server";
import { PayloadError } from "~/sync/records/fields";
import { checkoutFromGraphql, customerFromGraphql, orderFromGraphql } from "~/sync/records/from-graphql";
import { checkoutRow, customerRow, orderRows } from "~/sync/records/rows";
import type { SyncResource } from "~/sync/wire/admin-queries";
import type { GqlAbandonedCheckout, GqlCustomer, GqlOrder } from "~/sync/wire/graphql-shapes";
import { upsertCheckouts } from "./checkouts.server";
import { upsertCustomers } from "./customers.server";
import { writeOrderRows } from "./orders.server";

type Tx = Prisma.TransactionClient;

export interface WriteResult {
  /** Records read (top-level objects). */
  records: number;
  /** Rows the database lacked or held in an older version, now written. */
  written: number;
  /** Records no retry can read (logged, left out). */
  skipped: number;
}

/** A record no retry can read: a broken payload, or a number out of range. */
export const isUnreadable = (error: unknown): error is Error =>
  error instanceof PayloadError || error instanceof RangeError;

/** Maps each record; one unreadable record is logged and left out rather than blocking the whole import. */
function mapEach<T, R>(
  records: readonly T[],
  map: (record: T) => R,
  resource: SyncResource,
  shopId: number,
): { rows: R[]; skipped: number } {
  const rows: R[] = [];
  let skipped = 0;
  for (const record of records) {
    try {
      rows.push(map(record));
    } catch (error) {
      if (!isUnreadable(error)) throw error;
      skipped += 1;
      log.warn("unreadable record left out", { shopId, resource, error });
    }
  }
  return { rows, skipped };
}

/** Writes a batch of GraphQL records of one resource with the set-based newer-wins upserts. */
export async function writeRecords(
  tx: Tx,
  shop: { id: number; currency: string },
  resource: SyncResource,
  records: readonly Record<string, unknown>[],
): Promise<WriteResult> {
  if (resource === "customers") {
    const { rows, skipped } = mapEach(
      records as unknown as GqlCustomer[],
      (c) => customerRow(customerFromGraphql(c)),
      resource,
      shop.id,
    );
    return { records: records.length, written: await upsertCustomers(tx, shop.id, rows), skipped };
  }
  if (resource === "checkouts") {
    const { rows, skipped } = mapEach(
      records as unknown as GqlAbandonedCheckout[],
      (c) => checkoutRow(checkoutFromGraphql(c, shop.currency)),
      resource,
      shop.id,
    );
    return { records: records.length, written: await upsertCheckouts(tx, shop.id, rows), skipped };
  }
  const { rows, skipped } = mapEach(
    records as unknown as GqlOrder[],
    (o) => orderRows(orderFromGraphql(o)),
    resource,
    shop.id,
  );
  // Under the webhooks' per-order lock: a page that carries an order's refunds could otherwise deadlock
  // with a refunds/create of the same order.
  return { records: records.length, written: await writeOrderRows(tx, shop.id, rows), skipped };
}
