/**
 * A cart exists from its carts/create (docs/kpi-definitions.md, Abandonment). Shopify neither orders
 * deliveries nor promises every one, so a carts/update may come first, or alone. Only carts whose create was
 * seen are counted, on the incremental path as on a full rebuild.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCartPayload, buildOrderPayload } from "../../fake-shopify";
import { recomputeShop } from "~/kpi-engine/recompute.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { deliver } from "./support/numbers-inbox";

const NOW = new Date("2026-11-11T12:00:00Z");
const DAY_START = new Date("2026-11-10T00:00:00Z");

describe("cart abandonment counts a cart from its carts/create only", () => {
  let database: TestDatabase;
  let shopId: number;
  const cart = (token: string, updatedAt: string) =>
    buildCartPayload({
      token,
      createdAt: "2026-11-10T09:00:00Z",
      updatedAt,
      currency: "USD",
      lines: [{ variantId: 1, productId: 2, quantity: 1, unitPriceMinor: 1000 }],
    });
  const send = (topic: string, payload: unknown, at: string) =>
    deliver(database.prisma, shopId, topic, payload, new Date(at));

  async function cartKpis(): Promise<Record<string, number | null>> {
    const rows = await database.prisma.kpiSnapshot.findMany({
      where: { shopId, granularity: "day", periodStart: DAY_START, kpi: { startsWith: "cart_" } },
    });
    return Object.fromEntries(rows.map((r) => [r.kpi, r.value]));
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    shopId = (
      await database.prisma.shop.create({ data: { domain: "numbers-carts.myshopify.com", timezone: "UTC" } })
    ).id;
  });
  afterAll(() => database.drop());

  it("leaves out a cart seen only through carts/update, and counts one whose create comes after its update", async () => {
    // A: create, then update; never ordered → abandoned.
    expect(await send("carts/create", cart("cart-a", "2026-11-10T09:00:00Z"), "2026-11-10T09:00:01Z")).toBe(
      "processed",
    );
    expect(await send("carts/update", cart("cart-a", "2026-11-10T09:20:00Z"), "2026-11-10T09:20:01Z")).toBe(
      "processed",
    );
    // C: an update whose create never came → no cart, even with an order carrying its token.
    expect(await send("carts/update", cart("cart-c", "2026-11-10T09:10:00Z"), "2026-11-10T09:10:01Z")).toBe(
      "processed",
    );
    // B: the update overtakes the create; an order carries its token → completed.
    expect(await send("carts/update", cart("cart-b", "2026-11-10T09:30:00Z"), "2026-11-10T09:30:01Z")).toBe(
      "processed",
    );
    for (const [id, token] of [
      [501, "cart-b"],
      [502, "cart-c"],
    ] as const) {
      const order = buildOrderPayload({
        id,
        createdAt: "2026-11-10T09:40:00Z",
        currency: "USD",
        cartToken: token,
        lines: [{ quantity: 1, unitPriceMinor: 1000 }],
      });
      expect(await send("orders/create", order, "2026-11-10T09:40:01Z")).toBe("processed");
    }

    await recomputeShop(database.prisma, shopId, { now: NOW });
    // Only A exists so far.
    expect(await cartKpis()).toMatchObject({
      cart_created: 1,
      cart_completed: 0,
      cart_abandoned: 1,
      cart_abandonment_rate: 1,
    });

    // B's create arrives late, older than the update already stored: the cart now exists (incremental path).
    expect(await send("carts/create", cart("cart-b", "2026-11-10T09:00:00Z"), "2026-11-10T09:00:01Z")).toBe(
      "processed",
    );
    const incremental = await recomputeShop(database.prisma, shopId, { now: NOW });
    expect(incremental.mode).toBe("incremental");
    const expected = {
      cart_created: 2,
      cart_completed: 1,
      cart_abandoned: 1,
      cart_undecided: 0,
      cart_abandonment_rate: 0.5,
      cart_completion_rate: 0.5,
    };
    expect(await cartKpis()).toMatchObject(expected);
    // The late create kept the newer update's contents.
    expect(
      await database.prisma.cart.findUniqueOrThrow({ where: { shopId_token: { shopId, token: "cart-b" } } }),
    ).toMatchObject({
      shopifyUpdated: new Date("2026-11-10T09:30:00Z"),
      createSeenAt: new Date("2026-11-10T09:00:01Z"),
    });

    await recomputeShop(database.prisma, shopId, { now: NOW, mode: "full" });
    expect(await cartKpis()).toMatchObject(expected);
  });
});
