import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { flattenConnections } from "~/sync/wire/assemble";
import { closeBulkWritePools } from "~/sync/write/bulk-orders.server";
import { importResultFile, type ImportResult } from "~/sync/import/import-file.server";
import { requireFullKpiRebuild } from "~/sync/import/kpi-handoff.server";
import { writeRecords } from "~/sync/write/graphql-records.server";
import { recomputeShop } from "~/kpi-engine/recompute.server";
import { bulkLines, customerObject, generateHistory, orderObject } from "../../fake-shopify/admin-api";
import { buildCustomerPayload, buildOrderPayload, type OrderInput } from "../../fake-shopify";
import { createTestDatabase, type TestDatabase } from "../support/database";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await closeBulkWritePools();
  await db?.drop();
});

type Json = Record<string, unknown>;

const newShop = async (timezone = "UTC") =>
  (
    await db.prisma.shop.create({
      data: { domain: `bulk-${randomBytes(4).toString("hex")}.myshopify.com`, currency: "USD", timezone },
    })
  ).id;

/** An order as the Admin API returns it (lists as arrays, as a paginated query's flattened nodes). */
const gqlOrder = (input: OrderInput, patch: Json = {}): Json => ({
  ...orderObject(buildOrderPayload(input)),
  ...patch,
});

/** The bulk export lines of an order: line items, shipping lines and refund lines as child lines. */
function exportLines(order: Json): string[] {
  const refunds = (order.refunds as Json[]).map((refund) => ({
    ...refund,
    refundLineItems: { nodes: refund.refundLineItems },
    refundShippingLines: { nodes: refund.refundShippingLines },
  }));
  return bulkLines({
    ...order,
    lineItems: { nodes: order.lineItems },
    shippingLines: { nodes: order.shippingLines },
    refunds,
  });
}

/** Imports `orders` as a bulk result file through the real import path (COPY over node-postgres). */
async function importOrders(shopId: number, orders: Json[], batchSize = 7): Promise<ImportResult> {
  const body = `${orders.flatMap(exportLines).join("\n")}\n`;
  const where = { shopId_resource: { shopId, resource: "orders" } };
  const lease = {
    status: "importing" as const,
    resultUrl: "https://storage.test/result.jsonl",
    leaseOwner: "test",
    leaseUntil: new Date(Date.now() + 60_000),
  };
  await db.prisma.syncState.upsert({
    where,
    create: { shopId, resource: "orders", ...lease },
    update: { ...lease, byteOffset: 0n, linesDone: 0n, rowsDone: 0 },
  });
  const state = await db.prisma.syncState.findUniqueOrThrow({ where });
  return importResultFile(db.prisma, { id: shopId, currency: "USD" }, state, "test", {
    batchSize,
    leaseMs: 60_000,
    fetchFile: async () => new Response(body),
    databaseUrl: db.url,
  });
}

/** The same orders through the set-based Prisma upsert that reconciliation (and the old import) use. */
async function writeThroughPrisma(shopId: number, resource: "orders" | "customers", records: Json[]) {
  return db.prisma.$transaction((tx) => writeRecords(tx, { id: shopId, currency: "USD" }, resource, records));
}

const storedOrders = (shopId: number) =>
  db.prisma.$queryRaw<Json[]>`
    SELECT id, name, customer_id, email, customer_key, ordered_at, shopify_created_at, shopify_updated_at, cancelled_at, deleted_at,
      test, currency, presentment_currency, taxes_included, gross_minor, discounts_minor, shipping_minor, taxes_minor, duties_minor,
      total_minor, units, lines, checkout_token, cart_token, source_name
    FROM "order" WHERE shop_id = ${shopId} ORDER BY id`;
const storedRefunds = (shopId: number) =>
  db.prisma.$queryRaw<Json[]>`SELECT * FROM refund WHERE shop_id = ${shopId} ORDER BY id`.then((rows) =>
    rows.map(({ shop_id: _, ...row }) => row),
  );
const marks = async (shopId: number) => ({
  days: (
    await db.prisma.$queryRaw<
      { day: Date }[]
    >`SELECT day FROM kpi_dirty_day WHERE shop_id = ${shopId} ORDER BY day`
  ).map((r) => r.day.toISOString().slice(0, 10)),
  customers: (
    await db.prisma.$queryRaw<
      { key: string }[]
    >`SELECT customer_key AS key FROM kpi_dirty_customer WHERE shop_id = ${shopId} ORDER BY 1`
  ).map((r) => r.key),
});
const clearMarks = async (shopId: number) => {
  await db.prisma.$executeRaw`DELETE FROM kpi_dirty_day WHERE shop_id = ${shopId}`;
  await db.prisma.$executeRaw`DELETE FROM kpi_dirty_customer WHERE shop_id = ${shopId}`;
};

const history = generateHistory({ orders: 60, now: new Date("2026-11-20T00:00:00Z") });
/** One order in several versions: `units` tells them apart, `updatedAt` decides which wins. */
const version = (
  id: number,
  updatedAt: string,
  quantity: number,
  patch: Partial<OrderInput> = {},
): OrderInput => ({
  id,
  createdAt: "2026-10-01T10:00:00Z",
  updatedAt,
  currency: "USD",
  email: `v-${id}@example.com`,
  customer: { id: id + 1_000, email: `v-${id}@example.com`, createdAt: "2026-01-01T00:00:00Z" },
  lines: [{ quantity, unitPriceMinor: 1_000 }],
  ...patch,
});

describe("history import writes (COPY into a staging table, then the webhook path's upsert)", () => {
  test("stores every column exactly as the set-based Prisma upsert does: amounts, lines, identity, refunds, odd text", async () => {
    const [viaCopy, viaPrisma] = [await newShop(), await newShop()];
    // A customer holding a guest's email: both paths must key that guest's order to the customer.
    const guestEmail = history.orders.find((o) => !o.customer && o.email)!.email!;
    const holder = customerObject(
      buildCustomerPayload({ id: 9_000_001, email: guestEmail, createdAt: "2025-01-01T00:00:00Z" }),
    );
    const orders = history.orders.map((input, i) =>
      gqlOrder(
        input,
        i === 0
          ? {
              name: 'tab\there, newline\nthere, backslash \\ "quoted" ünïcödé 🛒',
              sourceName: "\\N",
              cartToken: "cart\r\ntoken",
            }
          : {},
      ),
    );
    for (const shopId of [viaCopy, viaPrisma]) await writeThroughPrisma(shopId, "customers", [holder]);

    const imported = await importOrders(viaCopy, orders);
    await writeThroughPrisma(
      viaPrisma,
      "orders",
      orders.map((o) => flattenConnections(o)),
    );

    expect(imported).toEqual({ records: orders.length, written: orders.length, skipped: 0 });
    const copied = await storedOrders(viaCopy);
    expect(copied).toHaveLength(orders.length);
    expect(copied).toEqual(await storedOrders(viaPrisma));
    expect(await storedRefunds(viaCopy)).toEqual(await storedRefunds(viaPrisma));
    expect((await storedRefunds(viaCopy)).length).toBeGreaterThan(0);
    expect(copied[0]).toMatchObject({
      name: 'tab\there, newline\nthere, backslash \\ "quoted" ünïcödé 🛒',
      source_name: "\\N",
      cart_token: "cart\r\ntoken",
    });
    expect(copied.some((o) => o.customer_key === "c:9000001" && o.customer_id === null)).toBe(true);
    expect(copied.some((o) => o.customer_key === null)).toBe(true); // a guest without email
  });

  test("newer wins: an older or equal version never overwrites, a newer one does, a redacted order stays anonymous", async () => {
    const shopId = await newShop();
    await writeThroughPrisma(shopId, "orders", [
      gqlOrder(version(1, "2026-10-02T10:00:00Z", 2)),
      gqlOrder(version(2, "2026-10-02T10:00:00Z", 2)),
      gqlOrder(version(3, "2026-10-02T10:00:00Z", 2)),
      gqlOrder(version(4, "2026-10-02T10:00:00Z", 2)),
    ]);
    await db.prisma
      .$executeRaw`UPDATE "order" SET customer_key = 'anon:x', customer_id = NULL, email = NULL WHERE shop_id = ${shopId} AND id = 4`;

    const result = await importOrders(shopId, [
      gqlOrder(version(1, "2026-10-01T10:00:00Z", 1)), // older
      gqlOrder(version(2, "2026-10-02T10:00:00Z", 3)), // same updatedAt
      gqlOrder(version(3, "2026-10-03T10:00:00Z", 4)), // newer
      gqlOrder(version(4, "2026-10-03T10:00:00Z", 5)), // newer, but redacted here
      gqlOrder(version(5, "2026-10-01T10:00:00Z", 6)), // new
    ]);

    expect(result).toEqual({ records: 5, written: 3, skipped: 0 });
    const rows = await storedOrders(shopId);
    expect(rows.map((r) => [Number(r.id), r.units])).toEqual([
      [1, 2],
      [2, 2],
      [3, 4],
      [4, 5],
      [5, 6],
    ]);
    expect(rows[3]).toMatchObject({ customer_key: "anon:x", customer_id: null, email: null });
  });

  test("an order repeated in one batch keeps its newest version, the later one on a tie", async () => {
    const shopId = await newShop();
    const result = await importOrders(
      shopId,
      [
        gqlOrder(version(11, "2026-10-02T10:00:00Z", 1)),
        gqlOrder(version(12, "2026-10-05T10:00:00Z", 7)),
        gqlOrder(version(11, "2026-10-03T10:00:00Z", 2)),
        gqlOrder(version(11, "2026-10-03T10:00:00Z", 3)), // tie with the one before: the later line wins
        gqlOrder(version(12, "2026-10-04T10:00:00Z", 8)), // older than the first 12
      ],
      50,
    );
    expect(result).toEqual({ records: 5, written: 2, skipped: 0 });
    expect((await storedOrders(shopId)).map((r) => [Number(r.id), r.units])).toEqual([
      [11, 3],
      [12, 7],
    ]);
    const state = await db.prisma.syncState.findUniqueOrThrow({
      where: { shopId_resource: { shopId, resource: "orders" } },
    });
    expect(state).toMatchObject({ rowsDone: 5, linesDone: 10n });
  });

  test("an unreadable order is counted and left out; the rest of its batch is written", async () => {
    const shopId = await newShop();
    const broken = gqlOrder(version(21, "2026-10-02T10:00:00Z", 1), {
      totalPriceSet: { shopMoney: { amount: "1.00", currencyCode: "EUR" } },
    });
    const result = await importOrders(shopId, [
      gqlOrder(version(20, "2026-10-02T10:00:00Z", 1)),
      broken,
      gqlOrder(version(22, "2026-10-02T10:00:00Z", 1)),
    ]);
    expect(result).toEqual({ records: 3, written: 2, skipped: 1 });
    expect((await storedOrders(shopId)).map((r) => Number(r.id))).toEqual([20, 22]);
  });

  test("a database URL that reaches another database than Prisma's is refused", async () => {
    const other = await createTestDatabase();
    try {
      const shopId = await newShop();
      await expect(
        importResultFile(
          db.prisma,
          { id: shopId, currency: "USD" },
          { resource: "orders", byteOffset: 0n, resultUrl: "https://storage.test/x" } as never,
          "test",
          {
            batchSize: 10,
            leaseMs: 60_000,
            fetchFile: async () => new Response(""),
            databaseUrl: other.url,
          },
        ),
      ).rejects.toThrow("reaches another database than the Prisma client");
    } finally {
      await closeBulkWritePools();
      await other.drop();
    }
  });
});

describe("the KPI engine after an import", () => {
  const now = new Date("2026-11-20T00:00:00Z");

  const snapshots = (shopId: number) =>
    db.prisma.$queryRaw<Json[]>`
      SELECT granularity, period_start, period_end, kpi, label, partial, value, numerator, denominator
      FROM kpi_snapshot WHERE shop_id = ${shopId} ORDER BY granularity, period_start, period_end, kpi`;

  test("inserted orders get no per-row marks; the next recompute is a full rebuild, equal to one over the same orders written one way", async () => {
    const [imported, reference] = [await newShop("Europe/Warsaw"), await newShop("Europe/Warsaw")];
    const orders = history.orders.map((o) => gqlOrder(o));
    await writeThroughPrisma(imported, "orders", orders.slice(0, 10));
    expect((await recomputeShop(db.prisma, imported, { now })).mode).toBe("full");
    expect(await marks(imported)).toEqual({ days: [], customers: [] });

    await importOrders(imported, orders.slice(10));

    // One mark (so the recompute sweep comes for the shop), no state (so that recompute is a full one).
    const after = await marks(imported);
    expect(after.customers).toEqual([]);
    expect(after.days).toHaveLength(1);
    expect(await db.prisma.kpiEngineState.findUnique({ where: { shopId: imported } })).toBeNull();
    expect((await recomputeShop(db.prisma, imported, { now })).mode).toBe("full");

    await writeThroughPrisma(reference, "orders", orders);
    await recomputeShop(db.prisma, reference, { now });
    const expected = await snapshots(reference);
    expect(expected.length).toBeGreaterThan(100);
    expect(await snapshots(imported)).toEqual(expected);
  });

  test("orders an import replaces are still marked, old and new versions (the update trigger)", async () => {
    const shopId = await newShop();
    await writeThroughPrisma(shopId, "orders", [
      gqlOrder(version(31, "2026-10-02T10:00:00Z", 1, { processedAt: "2026-10-01T10:00:00Z" })),
    ]);
    await clearMarks(shopId);
    await importOrders(shopId, [
      gqlOrder(
        version(31, "2026-10-06T10:00:00Z", 2, {
          processedAt: "2026-10-05T10:00:00Z",
          customer: null,
          email: null,
        }),
      ),
    ]);
    const after = await marks(shopId);
    expect(after.days).toEqual(expect.arrayContaining(["2026-10-01", "2026-10-05"]));
    expect(after.customers).toEqual(["c:1031"]);
  });

  test("webhooks, reconciliation and every writer without the import's setting still mark each row", async () => {
    const shopId = await newShop();
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const insert = (id: number) =>
        client.query(
          `INSERT INTO "order" (shop_id, id, customer_key, ordered_at, shopify_created_at, shopify_updated_at, currency, gross_minor,
           discounts_minor, shipping_minor, taxes_minor, duties_minor, total_minor, units, lines)
         VALUES ($1, $2, $3, '2026-10-0${id % 9} 12:00', now(), now(), 'USD', 0, 0, 0, 0, 0, 0, 0, '[]')`,
          [shopId, id, `c:${id}`],
        );
      const refund = (id: number) =>
        client.query(
          `INSERT INTO refund (shop_id, id, order_id, refunded_at, shopify_created_at, lines_subtotal_minor, shipping_minor, taxes_minor, duties_minor, units)
         VALUES ($1, $2, $2, '2026-10-09 12:00', now(), 0, 0, 0, 0, 0)`,
          [shopId, id],
        );
      await client.query("BEGIN; SET LOCAL pulse.bulk_import = 'on'");
      await insert(41);
      await refund(41);
      await client.query("COMMIT");
      expect(await marks(shopId)).toEqual({ days: [], customers: [] });
      // The setting was transaction-local: the same connection marks again.
      await insert(42);
      expect(await marks(shopId)).toEqual({ days: ["2026-10-06"], customers: ["c:42"] });
    } finally {
      await client.end();
    }
    // The Prisma writer (webhooks, reconciliation) marks as before.
    await clearMarks(shopId);
    await writeThroughPrisma(shopId, "orders", [
      gqlOrder(version(43, "2026-10-02T10:00:00Z", 1, { processedAt: "2026-10-07T10:00:00Z" })),
    ]);
    expect(await marks(shopId)).toEqual({ days: ["2026-10-07"], customers: ["c:1043"] });
  });

  test("the hand-off waits for a running recompute, so that recompute cannot bring the engine state back", async () => {
    const shopId = await newShop();
    await writeThroughPrisma(
      shopId,
      "orders",
      history.orders.slice(0, 3).map((o) => gqlOrder(o)),
    );
    await recomputeShop(db.prisma, shopId, { now });
    const recompute = new pg.Client({ connectionString: db.url });
    await recompute.connect();
    try {
      await recompute.query("BEGIN");
      await recompute.query("SELECT pg_advisory_xact_lock(7301, $1::int)", [shopId]); // what recomputeShop takes first
      let done = false;
      const handoff = requireFullKpiRebuild(db.prisma, shopId).then(() => (done = true));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(done).toBe(false);
      await recompute.query("COMMIT");
      await handoff;
      expect(await db.prisma.kpiEngineState.findUnique({ where: { shopId } })).toBeNull();
    } finally {
      await recompute.end();
    }
  });
});

describe("reading the result file", () => {
  test("a download that ends before its Content-Length is an error, not the end of the file", async () => {
    const shopId = await newShop();
    const lines = `${[gqlOrder(version(51, "2026-10-02T10:00:00Z", 1))].flatMap(exportLines).join("\n")}\n`;
    const short = () =>
      new Response(
        new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode(lines));
            controller.close();
          },
        }),
        { headers: { "content-length": String(Buffer.byteLength(lines) + 1_000) } },
      );
    await db.prisma.syncState.create({
      data: {
        shopId,
        resource: "orders",
        status: "importing",
        resultUrl: "https://storage.test/r",
        leaseOwner: "test",
        leaseUntil: new Date(Date.now() + 60_000),
      },
    });
    const state = await db.prisma.syncState.findUniqueOrThrow({
      where: { shopId_resource: { shopId, resource: "orders" } },
    });
    await expect(
      importResultFile(db.prisma, { id: shopId, currency: "USD" }, state, "test", {
        batchSize: 10,
        leaseMs: 60_000,
        fetchFile: async () => short(),
        databaseUrl: db.url,
      }),
    ).rejects.toThrow(/result file ended after \d+ of \d+ bytes/);
  });
});
