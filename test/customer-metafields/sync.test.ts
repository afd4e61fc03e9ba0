/**
 * The customer CLV metafield sync against the fake Admin API over HTTP (Shopify's schema, cost bucket and
 * userErrors): definitions created once and idempotently, values batched under the 25-metafield limit,
 * only changed customers sent, THROTTLED answers waited out and retried, and refused customers logged,
 * kept with their reason and sent again.
 */
import type { PrismaClient } from "@prisma/client";
import type { Job } from "bullmq";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { adminGraphqlFor } from "~/admin-api/graphql.server";
import { clvSegmentOf } from "~/clv/customer-clv.server";
import { CLV_METAFIELDS, CUSTOMERS_PER_CALL } from "~/customer-metafields/definitions";
import { ensureClvMetafieldDefinitions } from "~/customer-metafields/ensure-definitions.server";
import { syncClvMetafields } from "~/customer-metafields/sync-metafields.server";
import type { ClvMetafieldsJob } from "~/jobs/clv-metafields.job";
import { log } from "~/logger.server";
import { segmentOf } from "~/pages/customer-segments";
import { FAKE_APP_ID, putCustomer, resolveNamespace } from "../../fake-shopify/admin-api";
import { createClvMetafieldsProcessor } from "../../workers/clv-metafields.processor";
import { ALL_SCOPES, startHarness, type BackfillHarness, type TestShop } from "../sync/support";

const NAMESPACE = resolveNamespace("$app:pulse", FAKE_APP_ID);
const WRITE_SCOPES = [...ALL_SCOPES, "write_customers"];
const GONE = 5_099; // predicted, but deleted in Shopify since

interface Prediction {
  key: string;
  frequency: number;
  pAlive: number;
  expectedOrders: number;
  clv: number;
  churnRisk: string;
}

async function storePredictions(prisma: PrismaClient, shopId: number, rows: Prediction[]) {
  for (const row of rows) {
    await prisma.clvPrediction.upsert({
      where: { shopId_customerKey: { shopId, customerKey: row.key } },
      create: {
        shopId,
        customerKey: row.key,
        frequency: row.frequency,
        recencyDays: 10,
        ageDays: 100,
        pAlive: row.pAlive,
        expectedOrders: row.expectedOrders,
        expectedOrderValue: 40,
        // The nightly job stores amounts in minor units; `clv` here is in dollars.
        predictedClv: row.clv * 100,
        churnRisk: row.churnRisk,
      },
      update: { pAlive: row.pAlive, predictedClv: row.clv * 100, churnRisk: row.churnRisk },
    });
  }
}

const customerIds = Array.from({ length: 30 }, (_, i) => 5_001 + i);
const prediction = (id: number | string, i: number): Prediction => ({
  key: typeof id === "number" ? `c:${id}` : id,
  frequency: i % 3,
  pAlive: [0.95, 0.55, 0.2, 0.05][i % 4]!,
  expectedOrders: 1.5,
  clv: 100 + i * 7.25,
  churnRisk: ["low", "medium", "high", "lost"][i % 4]!,
});

describe("customer CLV metafields", () => {
  let harness: BackfillHarness;
  let shop: TestShop;
  const sleeps: number[] = [];
  const graphql = (domain: string) =>
    adminGraphqlFor(domain, {
      sleep: (ms) => {
        sleeps.push(ms);
        return new Promise((resolve) => setTimeout(resolve, Math.min(ms, 200)));
      },
      maxRetries: 10,
    });

  beforeAll(async () => {
    harness = await startHarness();
    shop = await harness.newShop({ scopes: WRITE_SCOPES });
    for (const id of customerIds)
      putCustomer(shop.store, { id, email: `c${id}@example.com`, createdAt: "2026-01-05T10:00:00Z" });
    await storePredictions(harness.db.prisma, shop.shopId, [
      ...customerIds.map(prediction),
      prediction(GONE, 3),
      prediction("e:guest@example.com", 1), // a guest: no Shopify customer to write to
    ]);
  }, 180_000);
  afterAll(async () => {
    vi.restoreAllMocks();
    await harness?.close();
  });

  const calls = () => [...shop.store.metafieldsSetCalls];
  const valuesOf = (id: number) =>
    Object.fromEntries(
      Object.entries(shop.store.metafieldsOf(`gid://shopify/Customer/${id}`, NAMESPACE)).map(([k, m]) => [
        k,
        { value: m.value, type: m.type },
      ]),
    );

  it("creates the definitions, then writes every customer in calls of at most 25 metafields", async () => {
    const warn = vi.spyOn(log, "warn");
    const result = await syncClvMetafields(harness.db.prisma, await graphql(shop.domain), shop.shopId);

    const definitions = [...shop.store.metafieldDefinitions.values()];
    expect(definitions.map((d) => `${d.namespace}.${d.key}:${d.type.name}`).sort()).toEqual(
      CLV_METAFIELDS.map((s) => `${NAMESPACE}.${s.key}:${s.type}`).sort(),
    );
    for (const definition of definitions) {
      expect(definition.ownerType).toBe("CUSTOMER");
      expect(definition.name.length).toBeGreaterThan(5);
      expect(definition.description).toMatch(/Pulse KPI/);
      expect(definition.access.admin).toBe("MERCHANT_READ");
    }

    expect(result).toMatchObject({ written: 30, unchanged: 0, failed: 1 });
    expect(calls().every((n) => n <= 25)).toBe(true);
    expect(CUSTOMERS_PER_CALL * CLV_METAFIELDS.length).toBeLessThanOrEqual(25);
    // 31 customers in batches of 8; the batch with the deleted customer is sent again without it.
    expect(calls()).toEqual([24, 24, 24, 21, 18]);

    expect(valuesOf(5_001)).toEqual({
      predicted_value: { value: "100.00", type: "number_decimal" },
      chance_active: { value: "95", type: "number_integer" },
      segment: { value: "Promising", type: "single_line_text_field" },
    });
    expect(valuesOf(5_004).segment?.value).toBe("Lost");
    expect(valuesOf(5_006).chance_active?.value).toBe("55");
    expect(valuesOf(5_006).segment?.value).toBe("At risk");
    expect(valuesOf(GONE)).toEqual({});

    // The refusal is logged with the customer and Shopify's reason, and kept for the next run.
    const refused = warn.mock.calls.find(([message]) => message === "shopify refused customer metafields");
    expect(JSON.stringify(refused?.[1])).toContain(`"customerId":"${GONE}"`);
    expect(JSON.stringify(refused?.[1])).toContain("Owner does not exist");
    const state = await harness.db.prisma.clvMetafieldState.findUniqueOrThrow({
      where: { shopId_customerId: { shopId: shop.shopId, customerId: BigInt(GONE) } },
    });
    expect(state.valueHash).toBeNull();
    expect(state.lastError).toMatch(/^INVALID: Owner does not exist/);
    warn.mockRestore();
  });

  it("sends nothing for unchanged customers, and tries a refused one again", async () => {
    const before = calls().length;
    const result = await syncClvMetafields(harness.db.prisma, await graphql(shop.domain), shop.shopId);
    expect(result).toMatchObject({ written: 0, unchanged: 30, failed: 1, calls: 1 });
    expect(calls().slice(before)).toEqual([3]);
  });

  it("sends only the customers whose values changed", async () => {
    putCustomer(shop.store, { id: GONE, email: "back@example.com", createdAt: "2026-01-05T10:00:00Z" });
    await storePredictions(harness.db.prisma, shop.shopId, [
      { ...prediction(5_010, 9), clv: 999.5 },
      { ...prediction(5_020, 19), pAlive: 0.015, churnRisk: "lost" },
      { ...prediction(5_021, 20), clv: 100 + 20 * 7.25 + 0.001 }, // same to the cent: unchanged
    ]);
    const before = calls().length;
    const result = await syncClvMetafields(harness.db.prisma, await graphql(shop.domain), shop.shopId);
    expect(result).toMatchObject({ written: 3, unchanged: 28, failed: 0, calls: 1 });
    expect(calls().slice(before)).toEqual([9]);
    expect(valuesOf(5_010).predicted_value?.value).toBe("999.50");
    expect(valuesOf(5_020)).toMatchObject({ chance_active: { value: "2" }, segment: { value: "Lost" } });
    const state = await harness.db.prisma.clvMetafieldState.findUniqueOrThrow({
      where: { shopId_customerId: { shopId: shop.shopId, customerId: BigInt(GONE) } },
    });
    expect(state).toMatchObject({ lastError: null, failedAt: null });
    expect(state.valueHash).not.toBeNull();
  });

  it("waits out THROTTLED answers and retries until the values are written", async () => {
    await storePredictions(harness.db.prisma, shop.shopId, [{ ...prediction(5_015, 14), clv: 1_234 }]);
    harness.fake.throttleNext(shop.domain, 3);
    const seen = harness.fake.requests.length;
    sleeps.length = 0;
    const result = await syncClvMetafields(harness.db.prisma, await graphql(shop.domain), shop.shopId);
    expect(result).toMatchObject({ written: 1, failed: 0 });
    expect(harness.fake.requests.slice(seen).filter((r) => r.throttled).length).toBe(3);
    expect(sleeps.length).toBeGreaterThanOrEqual(3);
    expect(valuesOf(5_015).predicted_value?.value).toBe("1234.00");
  });

  it("keeps the definitions on a reinstall: creating them again changes nothing", async () => {
    const again = await ensureClvMetafieldDefinitions(await graphql(shop.domain));
    expect(again).toEqual({ created: [], existing: CLV_METAFIELDS.map((s) => s.key) });
    expect(shop.store.metafieldDefinitions.size).toBe(CLV_METAFIELDS.length);
  });

  it("runs as the clv-metafields job, and skips a shop that has not granted write_customers", async () => {
    const readOnly = await harness.newShop({ scopes: ALL_SCOPES });
    putCustomer(readOnly.store, { id: 7_001, email: "r@example.com", createdAt: "2026-01-05T10:00:00Z" });
    await storePredictions(harness.db.prisma, readOnly.shopId, [prediction(7_001, 0)]);
    const processor = createClvMetafieldsProcessor({ prisma: harness.db.prisma, graphqlFor: graphql });
    const job = (shopId: number, name: string) =>
      ({ id: "1", name, data: { shopId } }) as Job<ClvMetafieldsJob>;

    await expect(processor(job(readOnly.shopId, "sync"))).resolves.toEqual({
      skipped: "missing write_customers",
    });
    expect(readOnly.store.metafields.size).toBe(0);
    await expect(processor(job(shop.shopId, "sync"))).resolves.toMatchObject({ written: 0, unchanged: 31 });
    await expect(processor(job(shop.shopId, "definitions"))).resolves.toMatchObject({ created: [] });
  });

  it("the fake refuses more than 25 metafields in one call, as Shopify does", async () => {
    const client = await graphql(shop.domain);
    const metafields = Array.from({ length: 26 }, (_, i) => ({
      ownerId: `gid://shopify/Customer/${customerIds[i % 30]}`,
      namespace: "$app:pulse",
      key: "segment",
      value: "Active",
    }));
    const { data } = await client<{
      metafieldsSet: { userErrors: { code: string; field: string[] }[]; metafields: unknown[] };
    }>(
      `mutation M($m: [MetafieldsSetInput!]!) { metafieldsSet(metafields: $m) { metafields { id } userErrors { code field } } }`,
      { m: metafields },
    );
    expect(data.metafieldsSet.userErrors).toEqual([{ code: "LESS_THAN_OR_EQUAL_TO", field: ["metafields"] }]);
    expect(data.metafieldsSet.metafields).toEqual([]);
  });

  it("names the same segment as the Customers page for every stored prediction", () => {
    for (const risk of ["new", "active", "promising", "at-risk", "lapsed", "lost", "low", "medium", "high"])
      for (const frequency of [0, 1, 5])
        expect(clvSegmentOf(risk, frequency)).toBe(segmentOf(risk, frequency));
  });
});
