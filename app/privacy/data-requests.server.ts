/**
 * customers/data_request: Shopify asks the app for what it holds on one customer, and the merchant must
 * hand it to the customer (Shopify does not take it back through the API). The copy is stored for the
 * merchant's page, downloaded from there, and deleted when handled or expired (retention.ts).
 */
import { Prisma, type PrismaClient } from "@prisma/client";
import { log } from "~/logger.server";
import { normaliseEmail, toId } from "~/sync/records/fields";
import { DATA_REQUEST_RETENTION_DAYS, daysBefore, dataRequestExpiresAt } from "./retention";

type Tx = Prisma.TransactionClient;

interface DataRequestPayload {
  customer?: { id?: number | string | null; email?: string | null } | null;
  orders_requested?: (number | string)[];
  data_request?: { id: number | string };
}

/** JSON has no bigint: ids and minor amounts become decimal strings, exactly. */
const toJson = (value: unknown): Prisma.InputJsonValue =>
  JSON.parse(
    JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v)),
  ) as Prisma.InputJsonValue;

/** Stores what we hold on the customer: their row, orders (by id, email or as requested), refunds, checkouts, prediction. */
export async function exportCustomerData(tx: Tx, shopId: number, payload: DataRequestPayload): Promise<void> {
  const customerId = payload.customer?.id != null ? toId(payload.customer.id, "customer.id") : null;
  const email = normaliseEmail(payload.customer?.email);
  const requestId =
    payload.data_request?.id != null ? toId(payload.data_request.id, "data_request.id") : BigInt(Date.now());
  const existing = await tx.dataRequest.findUnique({
    where: { shopId_id: { shopId, id: requestId } },
    select: { handledAt: true },
  });
  if (existing?.handledAt) {
    // The merchant answered it and the copy was deleted on purpose: a repeated request does not bring it back.
    log.info("customer data request already handled", { shopId, dataRequestId: requestId });
    return;
  }
  const requestedOrders = (payload.orders_requested ?? []).map((id) => toId(id, "orders_requested"));
  const byIdentity = [...(customerId !== null ? [{ customerId }] : []), ...(email ? [{ email }] : [])];
  const customer =
    customerId === null
      ? null
      : await tx.customer.findUnique({ where: { shopId_id: { shopId, id: customerId } } });
  const orders =
    byIdentity.length + requestedOrders.length === 0
      ? []
      : await tx.order.findMany({
          where: {
            shopId,
            OR: [...byIdentity, ...(requestedOrders.length > 0 ? [{ id: { in: requestedOrders } }] : [])],
          },
          orderBy: { orderedAt: "asc" },
        });
  const refunds = await tx.refund.findMany({
    where: { shopId, orderId: { in: orders.map((order) => order.id) } },
  });
  const checkouts =
    byIdentity.length === 0 ? [] : await tx.checkout.findMany({ where: { shopId, OR: byIdentity } });
  const keys = [...(customerId !== null ? [`c:${customerId}`] : []), ...(email ? [`e:${email}`] : [])];
  const clvPredictions =
    keys.length === 0
      ? []
      : await tx.clvPrediction.findMany({ where: { shopId, customerKey: { in: keys } } });
  const data = toJson({ customer, orders, refunds, checkouts, clvPredictions });
  // A repeated request refreshes the copy but keeps its notice and download marks.
  await tx.dataRequest.upsert({
    where: { shopId_id: { shopId, id: requestId } },
    create: { shopId, id: requestId, customerId, email, data, ordersCount: orders.length },
    update: { data, ordersCount: orders.length },
  });
  log.info("customer data request exported", {
    shopId,
    dataRequestId: requestId,
    orders: orders.length,
    refunds: refunds.length,
    checkouts: checkouts.length,
  });
}

export interface DataRequestRow {
  id: string;
  customerId: string | null;
  customerName: string | null;
  email: string | null;
  ordersCount: number;
  requestedAt: string;
  expiresAt: string;
  downloadedAt: string | null;
  handledAt: string | null;
}

/** The shop's requests that have not expired, newest first, without their copies. */
export async function listDataRequests(
  prisma: PrismaClient,
  shopId: number,
  now = new Date(),
): Promise<DataRequestRow[]> {
  const rows = await prisma.$queryRaw<
    {
      id: bigint;
      customer_id: bigint | null;
      email: string | null;
      first_name: string | null;
      last_name: string | null;
      orders_count: number;
      created_at: Date;
      downloaded_at: Date | null;
      handled_at: Date | null;
    }[]
  >`
    SELECT id, customer_id, email, data->'customer'->>'firstName' AS first_name, data->'customer'->>'lastName' AS last_name,
           orders_count, created_at, downloaded_at, handled_at
    FROM data_request
    WHERE shop_id = ${shopId} AND created_at > ${daysBefore(now, DATA_REQUEST_RETENTION_DAYS)}
    ORDER BY handled_at IS NOT NULL, created_at DESC, id DESC`;
  return rows.map((row) => ({
    id: row.id.toString(),
    customerId: row.customer_id?.toString() ?? null,
    customerName: [row.first_name, row.last_name].filter(Boolean).join(" ") || null,
    email: row.email,
    ordersCount: row.orders_count,
    requestedAt: row.created_at.toISOString(),
    expiresAt: dataRequestExpiresAt(row.created_at).toISOString(),
    downloadedAt: row.downloaded_at?.toISOString() ?? null,
    handledAt: row.handled_at?.toISOString() ?? null,
  }));
}

/** A request id from a URL: digits only, or null. */
export function parseDataRequestId(value: string | undefined): bigint | null {
  return value && /^\d{1,19}$/.test(value) ? BigInt(value) : null;
}

/**
 * The copy of one request of this shop, as the merchant hands it over, and marks it downloaded. Null
 * when the shop has no such request, or it was handled or has expired.
 */
export async function downloadDataRequest(
  prisma: PrismaClient,
  shopId: number,
  id: bigint,
  now = new Date(),
): Promise<{ filename: string; json: string } | null> {
  const request = await prisma.dataRequest.findUnique({ where: { shopId_id: { shopId, id } } });
  if (!request || request.data === null || request.createdAt <= daysBefore(now, DATA_REQUEST_RETENTION_DAYS))
    return null;
  await prisma.dataRequest.updateMany({
    where: { shopId, id, downloadedAt: null },
    data: { downloadedAt: now },
  });
  const body = {
    dataRequestId: request.id.toString(),
    requestedAt: request.createdAt.toISOString(),
    customer: { id: request.customerId?.toString() ?? null, email: request.email },
    data: request.data,
  };
  return { filename: `customer-data-request-${request.id}.json`, json: JSON.stringify(body, null, 2) };
}

/** The merchant handed the data over: the copy is deleted now; the row stays listed until it expires. */
export async function markDataRequestHandled(
  prisma: PrismaClient,
  shopId: number,
  id: bigint,
  now = new Date(),
): Promise<boolean> {
  const { count } = await prisma.dataRequest.updateMany({
    where: { shopId, id, handledAt: null },
    data: { handledAt: now, data: Prisma.DbNull },
  });
  return count === 1 || (await prisma.dataRequest.count({ where: { shopId, id } })) === 1;
}
