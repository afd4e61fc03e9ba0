/**
 * customers/redact and customers/delete through the real webhook endpoint and the worker's ingest step:
 * afterwards no table (found in the catalogue) holds the customer's id, emails, phone, name or address,
 * past KPIs have not moved, and later webhooks for the customer cannot bring them back.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildCartPayload,
  buildCheckoutPayload,
  buildCustomerDeletePayload,
  buildCustomerPayload,
  buildCustomersDataRequestPayload,
  buildCustomersRedactPayload,
  buildOrderPayload,
  sendWebhook,
  type CustomerInput,
} from "../../fake-shopify";
import type { OrderInput } from "../../fake-shopify/payloads/order-input";
import { applyWebhookEvent } from "~/sync/events/apply-event.server";
import { recomputeShop } from "~/kpi-engine/recompute.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { startTestWebApp, TEST_API_SECRET, type TestWebApp } from "../support/web-app";
import { rowsContaining } from "./support/privacy-catalogue";

const SHOP = "privacy-customers.myshopify.com";
const NOW = new Date("2026-11-20T00:00:00Z");

// A customer with a phone and no email, with an address on file.
const PHONE_ONLY: CustomerInput = {
  id: 7_461_000_000_001,
  email: null,
  phone: "+16135550142",
  firstName: "Zofia",
  lastName: "Quackenbush",
  createdAt: "2026-10-01T00:00:00Z",
};
const ADDRESS = {
  address1: "17 Wistful Lane",
  city: "Ottawa",
  phone: "+1 613-555-0142",
  first_name: "Zofia",
  last_name: "Quackenbush",
};
// A customer whose email changed: older orders, checkouts and payloads carry the old address.
const OLD_EMAIL = "quill.old@example.com";
const NEW_EMAIL = "Quill.New@Example.com";
const CHANGED: CustomerInput = {
  id: 7_461_000_000_002,
  email: OLD_EMAIL,
  firstName: "Quentin",
  lastName: "Marblewood",
  createdAt: "2026-10-02T00:00:00Z",
};
// Someone else, who must keep everything.
const OTHER: CustomerInput = {
  id: 7_461_000_000_003,
  email: "rita.control@example.com",
  firstName: "Rita",
  lastName: "Control",
  createdAt: "2026-10-03T00:00:00Z",
};

const NEEDLES = [
  String(PHONE_ONLY.id),
  String(CHANGED.id),
  OLD_EMAIL,
  NEW_EMAIL,
  "6135550142",
  "613-555-0142",
  "Zofia",
  "Quackenbush",
  "Quentin",
  "Marblewood",
  "Wistful Lane",
];

/**
 * A body the intake accepts and the ingest step refuses: its lines are priced in another currency
 * than the order's own (the intake checks ids and dates, not money).
 */
const linesInAnotherCurrency = (payload: ReturnType<typeof buildOrderPayload>) => ({
  ...payload,
  line_items: payload.line_items.map((line) => ({
    ...line,
    price_set: { ...line.price_set, shop_money: { ...line.price_set.shop_money, currency_code: "EUR" } },
  })),
});

const order = (id: number, overrides: Partial<OrderInput>): OrderInput => ({
  id,
  createdAt: "2026-11-02T10:00:00Z",
  currency: "USD",
  lines: [{ quantity: 2, unitPriceMinor: 1250 }],
  ...overrides,
});

describe("privacy: customers/redact and customers/delete", () => {
  let database: TestDatabase;
  let web: TestWebApp;
  let shopId: number;

  const send = async (topic: string, payload: unknown) => {
    const result = await sendWebhook({
      url: `${web.url}/webhooks`,
      secret: TEST_API_SECRET,
      shopDomain: SHOP,
      topic,
      payload,
    });
    expect(result.status).toBe(200);
    shopId ??= (await database.prisma.shop.findUniqueOrThrow({ where: { domain: SHOP } })).id;
    return result.webhookId;
  };
  /** Received and ingested by the worker's step. */
  const deliver = async (topic: string, payload: unknown) => {
    const webhookId = await send(topic, payload);
    return { webhookId, outcome: await applyWebhookEvent(database.prisma, shopId, webhookId) };
  };
  /**
   * An event stored before the intake checked bodies; databases upgraded in place still hold such rows.
   * A failed one kept its payload for a human.
   */
  const legacyEvent = async (
    topic: string,
    payload: object,
    status: "failed" | "received",
    error: string | null,
  ) => {
    const webhookId = randomUUID();
    await database.prisma.webhookEvent.create({
      data: { shopId, webhookId, topic, payload, status, error, attempts: status === "failed" ? 1 : 0 },
    });
    return webhookId;
  };
  const eventRow = (webhookId: string) =>
    database.prisma.webhookEvent.findUniqueOrThrow({ where: { shopId_webhookId: { shopId, webhookId } } });
  const snapshots = async () =>
    (
      await database.prisma.kpiSnapshot.findMany({
        where: { shopId },
        orderBy: [{ granularity: "asc" }, { periodStart: "asc" }, { periodEnd: "asc" }, { kpi: "asc" }],
      })
    ).map(({ computedAt: _computedAt, ...row }) => row);
  const leftovers = () => rowsContaining(database.prisma, NEEDLES);

  beforeAll(async () => {
    database = await createTestDatabase();
    web = await startTestWebApp({ databaseUrl: database.url });
  });
  afterAll(async () => {
    await web?.close();
    await database?.drop();
  });

  it("leaves no trace of a redacted customer in any table, and past KPIs do not move", async () => {
    await deliver("customers/create", buildCustomerPayload(PHONE_ONLY));
    await deliver(
      "orders/create",
      buildOrderPayload(order(7_462_000_000_001, { customer: PHONE_ONLY, email: null })),
    );
    await deliver("customers/create", buildCustomerPayload(CHANGED));
    await deliver(
      "orders/create",
      buildOrderPayload(order(7_462_000_000_002, { customer: CHANGED, createdAt: "2026-11-03T10:00:00Z" })),
    );
    // A guest order under the old address, then the address changes: it stays an email-keyed guest.
    await deliver(
      "orders/create",
      buildOrderPayload(order(7_462_000_000_003, { email: OLD_EMAIL, createdAt: "2026-11-04T10:00:00Z" })),
    );
    const renamed = { ...CHANGED, email: NEW_EMAIL, updatedAt: "2026-11-05T00:00:00Z" };
    await deliver("customers/update", buildCustomerPayload(renamed));
    await deliver(
      "orders/create",
      buildOrderPayload(order(7_462_000_000_004, { customer: renamed, createdAt: "2026-11-06T10:00:00Z" })),
    );
    await deliver("customers/create", buildCustomerPayload(OTHER));
    await deliver(
      "orders/create",
      buildOrderPayload(order(7_462_000_000_005, { customer: OTHER, createdAt: "2026-11-06T11:00:00Z" })),
    );
    await deliver(
      "checkouts/create",
      buildCheckoutPayload({
        id: 7_463_000_000_001,
        createdAt: "2026-11-03T09:00:00Z",
        currency: "USD",
        customer: CHANGED,
        lines: [{ productId: 1, variantId: 2, quantity: 1, unitPriceMinor: 1000 }],
      }),
    );
    await deliver(
      "checkouts/create",
      buildCheckoutPayload({
        id: 7_463_000_000_002,
        createdAt: "2026-11-07T09:00:00Z",
        currency: "USD",
        email: NEW_EMAIL,
        lines: [{ productId: 1, variantId: 2, quantity: 1, unitPriceMinor: 1000 }],
      }),
    );
    await deliver(
      "carts/create",
      buildCartPayload({
        seed: "privacy",
        createdAt: "2026-11-07T08:00:00Z",
        currency: "USD",
        lines: [{ productId: 1, variantId: 2, quantity: 1, unitPriceMinor: 1000 }],
      }),
    );
    await deliver(
      "customers/data_request",
      buildCustomersDataRequestPayload(
        { shopId: 1, shopDomain: SHOP },
        { id: CHANGED.id, email: NEW_EMAIL },
        [7_462_000_000_002],
        9_001,
      ),
    );

    // Failed events keep their bodies. customers/* bodies name the customer at the top level: a legacy
    // failed one holds the phone, name and address; an order the handler refused holds the old email.
    const broken = {
      ...buildCustomerPayload({ ...PHONE_ONLY, updatedAt: "2026-11-08T00:00:00Z" }),
      created_at: "not a date",
      addresses: [ADDRESS],
      default_address: ADDRESS,
    };
    const legacy = await legacyEvent(
      "customers/update",
      broken,
      "failed",
      'customer.created_at is not a date: "not a date"',
    );
    const refused = linesInAnotherCurrency(
      buildOrderPayload(
        order(7_462_000_000_002, {
          customer: CHANGED,
          createdAt: "2026-11-03T10:00:00Z",
          updatedAt: "2026-11-08T00:00:00Z",
        }),
      ),
    );
    const brokenChanged = await deliver("orders/updated", refused);
    expect(brokenChanged.outcome).toBe("failed");
    expect((await eventRow(brokenChanged.webhookId)).payload).not.toBeNull();
    // One still waits in the inbox.
    const pending = await send("customers/update", {
      ...buildCustomerPayload({ ...PHONE_ONLY, updatedAt: "2026-11-09T00:00:00Z" }),
      addresses: [ADDRESS],
    });

    await database.prisma.digestUnsubscribe.create({ data: { shopId, email: OLD_EMAIL } });
    await recomputeShop(database.prisma, shopId, { now: NOW });
    const customerKey = `c:${CHANGED.id}`;
    await database.prisma.clvPrediction.create({
      data: {
        shopId,
        customerKey,
        frequency: 1,
        recencyDays: 3,
        ageDays: 20,
        pAlive: 0.9,
        expectedOrders: 1,
        expectedOrderValue: 2500,
        predictedClv: 2500,
        churnRisk: "low",
      },
    });
    // What the metafield sync wrote to them in Shopify.
    await database.prisma.clvMetafieldState.create({
      data: { shopId, customerId: BigInt(CHANGED.id), valueHash: "0123abcd", writtenAt: NOW },
    });
    expect(await leftovers()).not.toEqual([]);
    const before = await snapshots();

    const redactPhoneOnly = await deliver(
      "customers/redact",
      buildCustomersRedactPayload(
        { shopId: 1, shopDomain: SHOP },
        { id: PHONE_ONLY.id, email: null, phone: PHONE_ONLY.phone },
        [7_462_000_000_001],
      ),
    );
    const redactChanged = await deliver(
      "customers/redact",
      buildCustomersRedactPayload(
        { shopId: 1, shopDomain: SHOP },
        { id: CHANGED.id, email: NEW_EMAIL },
        [7_462_000_000_002],
      ),
    );
    expect([redactPhoneOnly.outcome, redactChanged.outcome]).toEqual(["processed", "processed"]);

    // Before any recompute: the KPI engine's own rows (per-shop tables, dirty marks, predictions) too.
    expect(await leftovers()).toEqual([]);
    for (const failed of [legacy, brokenChanged.webhookId])
      expect(await eventRow(failed)).toMatchObject({ status: "failed", payload: null });
    const pendingRow = await eventRow(pending);
    expect(pendingRow.payload).toBeNull();
    expect(await applyWebhookEvent(database.prisma, shopId, pending)).toBe("skipped");

    await recomputeShop(database.prisma, shopId, { now: NOW });
    expect(await leftovers()).toEqual([]);
    expect(await snapshots()).toEqual(before);
    expect(await database.prisma.order.count({ where: { shopId } })).toBe(5);
    expect(
      await database.prisma.customer.findUnique({ where: { shopId_id: { shopId, id: BigInt(OTHER.id) } } }),
    ).toMatchObject({ firstName: "Rita" });
    expect(
      await database.prisma.order.findUnique({ where: { shopId_id: { shopId, id: 7_462_000_000_005n } } }),
    ).toMatchObject({ customerKey: `c:${OTHER.id}` });
  });

  it("does not let a later webhook bring a redacted customer back", async () => {
    const later = { ...CHANGED, email: NEW_EMAIL, updatedAt: "2026-11-15T00:00:00Z" };
    await deliver("customers/update", { ...buildCustomerPayload(later), addresses: [ADDRESS] });
    await deliver(
      "customers/update",
      buildCustomerPayload({ ...PHONE_ONLY, id: 7_461_000_000_009, updatedAt: "2026-11-15T00:00:00Z" }),
    );
    await deliver(
      "orders/updated",
      buildOrderPayload(
        order(7_462_000_000_004, {
          customer: later,
          createdAt: "2026-11-06T10:00:00Z",
          updatedAt: "2026-11-15T00:00:00Z",
        }),
      ),
    );
    const { outcome } = await deliver(
      "orders/create",
      buildOrderPayload(order(7_462_000_000_006, { email: OLD_EMAIL, createdAt: "2026-11-15T10:00:00Z" })),
    );
    expect(outcome).toBe("processed");
    await deliver(
      "checkouts/update",
      buildCheckoutPayload({
        id: 7_463_000_000_002,
        createdAt: "2026-11-07T09:00:00Z",
        updatedAt: "2026-11-15T00:00:00Z",
        currency: "USD",
        email: NEW_EMAIL,
        customer: later,
        lines: [{ productId: 1, variantId: 2, quantity: 1, unitPriceMinor: 1000 }],
      }),
    );
    // A body that fails is kept for a human, but not one about a forgotten customer: neither one the
    // intake refuses nor one the handler refuses.
    const atIntake = await deliver("customers/update", {
      ...buildCustomerPayload({ ...PHONE_ONLY, updatedAt: "2026-11-16T00:00:00Z" }),
      created_at: "not a date",
    });
    expect(atIntake.outcome).toBe("skipped");
    const atIngest = await deliver(
      "orders/create",
      linesInAnotherCurrency(
        buildOrderPayload(
          order(7_462_000_000_007, { customer: PHONE_ONLY, email: null, createdAt: "2026-11-16T10:00:00Z" }),
        ),
      ),
    );
    expect(atIngest.outcome).toBe("failed");
    for (const failed of [atIntake, atIngest])
      expect(await eventRow(failed.webhookId)).toMatchObject({ status: "failed", payload: null });
    await recomputeShop(database.prisma, shopId, { now: NOW });

    expect(await leftovers()).toEqual([]);
    const fresh = await database.prisma.order.findUniqueOrThrow({
      where: { shopId_id: { shopId, id: 7_462_000_000_006n } },
    });
    expect(fresh).toMatchObject({ email: null, customerId: null });
    expect(fresh.customerKey).toMatch(/^anon:/);
    expect(
      await database.prisma.customer.count({
        where: { shopId, id: { in: [BigInt(CHANGED.id), 7_461_000_000_009n] } },
      }),
    ).toBe(0);
  });

  it("refuses a customers/redact that names nobody, changing nothing", async () => {
    const state = async () => ({
      orders: await database.prisma.order.findMany({ where: { shopId }, orderBy: { id: "asc" } }),
      customers: await database.prisma.customer.findMany({ where: { shopId }, orderBy: { id: "asc" } }),
      tombstones: await database.prisma.customerTombstone.count({ where: { shopId } }),
    });
    const before = await state();
    const nobody = {
      shop_id: 1,
      shop_domain: SHOP,
      customer: { id: null, email: null, phone: null },
      orders_to_redact: [],
    };
    // Shopify's documented body always names the customer by id: one without is refused at the door,
    // and kept without its body.
    const { webhookId, outcome } = await deliver("customers/redact", nobody);
    expect(outcome).toBe("skipped");
    expect(await eventRow(webhookId)).toMatchObject({
      status: "failed",
      payload: null,
      error: expect.stringMatching(/customer\.id/),
    });
    expect(await state()).toEqual(before);
    // One stored before the intake checked bodies is refused by the handler, changing nothing either.
    const legacy = await legacyEvent("customers/redact", nobody, "received", null);
    expect(await applyWebhookEvent(database.prisma, shopId, legacy)).toBe("failed");
    expect((await eventRow(legacy)).error).toMatch(/names no customer/);
    expect(await state()).toEqual(before);
  });

  it("anonymises a deleted customer and keeps them deleted", async () => {
    const deleted: CustomerInput = {
      id: 7_461_000_000_004,
      email: "sigrid.deletia@example.com",
      phone: "+48 600 700 800",
      firstName: "Sigrid",
      lastName: "Deletia",
      createdAt: "2026-10-04T00:00:00Z",
    };
    const needles = [String(deleted.id), "sigrid.deletia@example.com", "Sigrid", "Deletia", "600 700 800"];
    await deliver("customers/create", buildCustomerPayload(deleted));
    await deliver(
      "checkouts/create",
      buildCheckoutPayload({
        id: 7_463_000_000_003,
        createdAt: "2026-11-08T09:00:00Z",
        currency: "USD",
        customer: deleted,
        lines: [{ productId: 1, variantId: 2, quantity: 1, unitPriceMinor: 1000 }],
      }),
    );
    // A body with no valid created_at: refused at the door, kept without its body; one the same
    // failed before the intake checked bodies still holds it.
    const broken = {
      ...buildCustomerPayload({ ...deleted, updatedAt: "2026-11-09T00:00:00Z" }),
      created_at: "not a date",
    };
    const failed = await deliver("customers/update", broken);
    expect(failed.outcome).toBe("skipped");
    expect(await eventRow(failed.webhookId)).toMatchObject({ status: "failed", payload: null });
    const legacy = await legacyEvent(
      "customers/update",
      broken,
      "failed",
      'customer.created_at is not a date: "not a date"',
    );
    expect(await rowsContaining(database.prisma, needles)).not.toEqual([]);

    expect((await deliver("customers/delete", buildCustomerDeletePayload(deleted.id))).outcome).toBe(
      "processed",
    );
    expect(await rowsContaining(database.prisma, needles)).toEqual([]);
    expect(await eventRow(legacy)).toMatchObject({ status: "failed", payload: null });
    expect(await database.prisma.checkout.count({ where: { shopId } })).toBe(3);

    // A customers/update delivered late does not bring the row back.
    await deliver(
      "customers/update",
      buildCustomerPayload({ ...deleted, updatedAt: "2026-11-20T00:00:00Z" }),
    );
    expect(await rowsContaining(database.prisma, needles)).toEqual([]);
  });
});
