import type { Prisma } from "@prisma/client";
import { upsertCheckouts } from "~/ingest/checkouts.server";
import { upsertCustomers } from "~/ingest/customers.server";
import { PayloadError } from "~/ingest/normalise";
import { lockOrdersForWrite } from "~/ingest/order-lock.server";
import { upsertOrders, upsertRefunds } from "~/ingest/orders.server";
import { log } from "~/logger.server";
import type { GqlAbandonedCheckout, GqlCustomer, GqlOrder } from "./graphql-shapes";
import {
  normaliseGraphqlCheckout,
  normaliseGraphqlCustomer,
  normaliseGraphqlOrder,
} from "./normalise-graphql";
import type { SyncResource } from "./queries";

type Tx = Prisma.TransactionClient;

export interface WriteResult {
  /** Records read (top-level objects). */
  records: number;
  /** Rows the database lacked or held in an older version, now written. */
  written: number;
  /** Records no retry can read (logged, left out). */
  skipped: number;
}

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
      if (!(error instanceof PayloadError) && !(error instanceof RangeError)) throw error;
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
      normaliseGraphqlCustomer,
      resource,
      shop.id,
    );
    return { records: records.length, written: await upsertCustomers(tx, shop.id, rows), skipped };
  }
  if (resource === "checkouts") {
    const { rows, skipped } = mapEach(
      records as unknown as GqlAbandonedCheckout[],
      (c) => normaliseGraphqlCheckout(c, shop.currency),
      resource,
      shop.id,
    );
    return { records: records.length, written: await upsertCheckouts(tx, shop.id, rows), skipped };
  }
  const { rows, skipped } = mapEach(
    records as unknown as GqlOrder[],
    normaliseGraphqlOrder,
    resource,
    shop.id,
  );
  // The webhooks' lock order (app/ingest/order-lock.server.ts): a page that carries an order's refunds
  // could otherwise deadlock with a refunds/create of the same order.
  await lockOrdersForWrite(
    tx,
    shop.id,
    rows.map((r) => r.order.id),
  );
  const written = await upsertOrders(
    tx,
    shop.id,
    rows.map((r) => r.order),
  );
  await upsertRefunds(
    tx,
    shop.id,
    rows.flatMap((r) => r.refunds),
  );
  return { records: records.length, written, skipped };
}
