/**
 * Admin GraphQL records (a reconciliation page, or a bulk batch of customers or checkouts) read into
 * rows by the one row builder and stored by the writers the webhooks use. The history import's orders
 * take the COPY path instead (bulk-orders.server.ts), built by the same builder.
 */
import type { Prisma } from "@prisma/client";
import { log } from "~/logger.server";
import { isUnreadable } from "~/sync/records/fields";
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

/** How one resource's records become rows, and which writer stores them. */
interface ResourceWriter<Row> {
  read(record: never, shopCurrency: string): Row;
  write(tx: Tx, shopId: number, rows: readonly Row[]): Promise<number>;
}

const writer = <Wire, Row>(
  read: (record: Wire, shopCurrency: string) => Row,
  write: ResourceWriter<Row>["write"],
): ResourceWriter<Row> => ({ read: read as ResourceWriter<Row>["read"], write });

const WRITERS: Record<SyncResource, ResourceWriter<unknown>> = {
  customers: writer((c: GqlCustomer) => customerRow(customerFromGraphql(c)), upsertCustomers),
  orders: writer((o: GqlOrder) => orderRows(orderFromGraphql(o)), writeOrderRows),
  checkouts: writer(
    (c: GqlAbandonedCheckout, currency) => checkoutRow(checkoutFromGraphql(c, currency)),
    upsertCheckouts,
  ),
};

/**
 * Writes a batch of GraphQL records of one resource with the set-based newer-wins upserts. One
 * unreadable record is logged and left out rather than blocking the whole batch.
 */
export async function writeRecords(
  tx: Tx,
  shop: { id: number; currency: string },
  resource: SyncResource,
  records: readonly Record<string, unknown>[],
): Promise<WriteResult> {
  const { read, write } = WRITERS[resource];
  const rows: unknown[] = [];
  let skipped = 0;
  for (const record of records) {
    try {
      rows.push(read(record as never, shop.currency));
    } catch (error) {
      if (!isUnreadable(error)) throw error;
      skipped += 1;
      log.warn("unreadable record left out", { shopId: shop.id, resource, error });
    }
  }
  // Orders are written under the webhooks' per-order lock (writeOrderRows): a page that carries an
  // order's refunds could otherwise deadlock with a refunds/create of the same order.
  return { records: records.length, written: await write(tx, shop.id, rows), skipped };
}
