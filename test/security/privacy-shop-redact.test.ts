/**
 * shop/redact through the real webhook endpoint and the worker's ingest step: afterwards no table of the
 * database catalogue (per-shop tables included) holds a row of the shop, the shop row itself says
 * nothing but who it was, and another shop's rows are untouched.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildCartPayload,
  buildCheckoutPayload,
  buildCustomerPayload,
  buildCustomersDataRequestPayload,
  buildCustomersRedactPayload,
  buildOrderPayload,
  buildRefundPayload,
  buildShopRedactPayload,
  sendWebhook,
} from "../../fake-shopify";
import type { OrderInput } from "../../fake-shopify/payloads/order-input";
import { applyWebhookEvent } from "~/sync/events/apply-event.server";
import { recomputeShop } from "~/kpi-engine/recompute.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { startTestWebApp, TEST_API_SECRET, type TestWebApp } from "../support/web-app";
import { catalogueTables, qualified, rowsContaining } from "./support/privacy-catalogue";

const REDACTED = "privacy-gone.myshopify.com";
const KEPT = "privacy-kept.myshopify.com";

const order = (id: number, overrides: Partial<OrderInput> = {}): OrderInput => ({
  id,
  createdAt: "2026-11-02T10:00:00Z",
  currency: "USD",
  lines: [{ quantity: 2, unitPriceMinor: 1250 }],
  ...overrides,
});

describe("privacy: shop/redact", () => {
  let database: TestDatabase;
  let web: TestWebApp;

  const shopIdOf = async (domain: string) =>
    (await database.prisma.shop.findUniqueOrThrow({ where: { domain } })).id;
  const send = async (domain: string, topic: string, payload: unknown) => {
    const result = await sendWebhook({
      url: `${web.url}/webhooks`,
      secret: TEST_API_SECRET,
      shopDomain: domain,
      topic,
      payload,
    });
    expect(result.status).toBe(200);
    return result.webhookId;
  };
  const deliver = async (domain: string, topic: string, payload: unknown) => {
    const webhookId = await send(domain, topic, payload);
    await applyWebhookEvent(database.prisma, await shopIdOf(domain), webhookId);
    return webhookId;
  };

  /** Everything a shop can have: webhooks of every kind, settings, digests, imports, KPI engine rows. */
  async function seed(domain: string, base: number) {
    const customer = {
      id: base + 1,
      email: `buyer-${base}@example.com`,
      phone: `+1613555${String(base).slice(-4)}`,
      firstName: "Ada",
      createdAt: "2026-10-01T00:00:00Z",
    };
    await deliver(domain, "customers/create", buildCustomerPayload(customer));
    const first = order(base + 10, { customer });
    await deliver(domain, "orders/create", buildOrderPayload(first));
    await deliver(
      domain,
      "orders/create",
      buildOrderPayload(order(base + 11, { customer, createdAt: "2026-11-05T10:00:00Z" })),
    );
    await deliver(
      domain,
      "refunds/create",
      buildRefundPayload(first, {
        id: base + 20,
        createdAt: "2026-11-06T10:00:00Z",
        lines: [{ lineIndex: 0, quantity: 1 }],
      }),
    );
    await deliver(
      domain,
      "checkouts/create",
      buildCheckoutPayload({
        id: base + 30,
        createdAt: "2026-11-03T09:00:00Z",
        currency: "USD",
        customer,
        lines: [{ productId: 1, variantId: 2, quantity: 1, unitPriceMinor: 1000 }],
      }),
    );
    await deliver(
      domain,
      "carts/create",
      buildCartPayload({
        seed: domain,
        createdAt: "2026-11-03T08:00:00Z",
        currency: "USD",
        lines: [{ productId: 1, variantId: 2, quantity: 1, unitPriceMinor: 1000 }],
      }),
    );
    await deliver(
      domain,
      "customers/data_request",
      buildCustomersDataRequestPayload(
        { shopId: base, shopDomain: domain },
        { id: customer.id, email: customer.email },
        [base + 10],
        base + 40,
      ),
    );
    const other = { id: base + 2, email: `other-${base}@example.com`, createdAt: "2026-10-01T00:00:00Z" };
    await deliver(domain, "customers/create", buildCustomerPayload(other));
    await deliver(
      domain,
      "customers/redact",
      buildCustomersRedactPayload(
        { shopId: base, shopDomain: domain },
        { id: other.id, email: other.email },
        [],
      ),
    );
    await deliver(domain, "customers/update", {
      ...buildCustomerPayload(customer),
      created_at: "not a date",
    }); // failed, body kept
    await send(domain, "orders/create", buildOrderPayload(order(base + 12, { customer }))); // received, not yet ingested

    const shopId = await shopIdOf(domain);
    const { prisma } = database;
    await prisma.shop.update({
      where: { id: shopId },
      data: { name: `The ${domain} Store`, currency: "EUR", timezone: "Europe/Warsaw" },
    });
    await prisma.session.create({
      data: {
        id: `offline_${domain}`,
        shop: domain,
        state: "",
        accessToken: "shpat_secret",
        email: `owner@${domain}`,
      },
    });
    await prisma.shopSettings.create({
      data: { shopId, digestRecipients: [`owner@${domain}`] },
    });
    await prisma.marketingSpendMonth.create({ data: { shopId, month: "2026-11", amountMinor: 150_000n } });
    await prisma.digestUnsubscribe.create({ data: { shopId, email: `former@${domain}` } });
    await prisma.digestDelivery.create({
      data: { shopId, isoWeek: "2026-W46", status: "sent", sentTo: [`owner@${domain}`] },
    });
    await prisma.syncState.create({
      data: {
        shopId,
        resource: "orders",
        status: "completed",
        resultUrl: `https://storage.example/${domain}/export.jsonl`,
      },
    });
    await prisma.reconcileRun.create({
      data: { shopId, since: new Date("2026-11-01T00:00:00Z"), status: "succeeded" },
    });
    await recomputeShop(prisma, shopId, { now: new Date("2026-11-20T00:00:00Z") });
    await prisma.clvPrediction.create({
      data: {
        shopId,
        customerKey: `c:${customer.id}`,
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
    await prisma.clvModelRun.create({
      data: {
        shopId,
        status: "insufficient",
        reason: "too few customers",
        calibrationEnd: new Date("2026-11-19"),
        customers: 1,
        repeatCustomers: 1,
        historyDays: 50,
        fittedAt: new Date(),
      },
    });
    return shopId;
  }

  /** Rows per table of the shop: a shop_id column, a shop (domain) column, or a table named after it. */
  async function rowsOfShop(shopId: number, domain: string): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const table of await catalogueTables(database.prisma)) {
      const name = `${table.schema}.${table.table}`;
      if (table.table.endsWith(`_${shopId}`) || new RegExp(`_${shopId}_`).test(table.table)) {
        counts[name] =
          Number(
            (
              await database.prisma.$queryRawUnsafe<{ n: bigint }[]>(
                `SELECT count(*) AS n FROM ${qualified(table)}`,
              )
            )[0]!.n,
          ) || -1;
      } else if (table.columns.includes("shop_id")) {
        counts[name] = Number(
          (
            await database.prisma.$queryRawUnsafe<{ n: bigint }[]>(
              `SELECT count(*) AS n FROM ${qualified(table)} WHERE shop_id = $1`,
              shopId,
            )
          )[0]!.n,
        );
      } else if (table.columns.includes("shop")) {
        counts[name] = Number(
          (
            await database.prisma.$queryRawUnsafe<{ n: bigint }[]>(
              `SELECT count(*) AS n FROM ${qualified(table)} WHERE shop::text = $1`,
              domain,
            )
          )[0]!.n,
        );
      }
    }
    return Object.fromEntries(Object.entries(counts).filter(([, n]) => n !== 0));
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    web = await startTestWebApp({ databaseUrl: database.url });
  });
  afterAll(async () => {
    await web?.close();
    await database?.drop();
  });

  it("leaves no row of the shop in any table of the catalogue, and another shop's rows untouched", async () => {
    const goneId = await seed(REDACTED, 8_100_000_000_000);
    const keptId = await seed(KEPT, 8_200_000_000_000);
    const keptBefore = await rowsOfShop(keptId, KEPT);
    expect(Object.keys(keptBefore)).toContain(`public.kpi_customer_order_${keptId}`);
    expect(Object.keys(await rowsOfShop(goneId, REDACTED)).length).toBeGreaterThan(15);

    const redaction = await deliver(
      REDACTED,
      "shop/redact",
      buildShopRedactPayload({ shopId: 8_100_000_000_000, shopDomain: REDACTED }),
    );

    // The redaction's own inbox row stays, without its body, as the record that it happened.
    expect(await rowsOfShop(goneId, REDACTED)).toEqual({ "public.webhook_event": 1 });
    expect(
      await database.prisma.webhookEvent.findMany({
        where: { shopId: goneId },
        select: { webhookId: true, payload: true },
      }),
    ).toEqual([{ webhookId: redaction, payload: null }]);
    // Nothing elsewhere names the shop either (the bare shop row aside).
    expect(
      await rowsContaining(database.prisma, [REDACTED], (t) => t.schema === "public" && t.table === "shop"),
    ).toEqual([]);
    const shop = await database.prisma.shop.findUniqueOrThrow({ where: { id: goneId } });
    expect(shop).toMatchObject({
      domain: REDACTED,
      state: "redacted",
      name: null,
      currency: "USD",
      timezone: "UTC",
      taxesIncluded: false,
    });

    expect(await rowsOfShop(keptId, KEPT)).toEqual(keptBefore);
    expect(await database.prisma.shop.findUniqueOrThrow({ where: { id: keptId } })).toMatchObject({
      state: "installed",
      name: `The ${KEPT} Store`,
    });
  });
});
