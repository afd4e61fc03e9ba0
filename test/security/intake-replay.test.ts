import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildCustomersRedactPayload, buildShopPayload, buildShopRedactPayload } from "../../fake-shopify";
import { simpleOrder } from "../support/shop-events";
import { startIntake, type IntakeHarness } from "./support/intake";

// Shopify signs the body only: topic, shop domain, webhook id and trigger time can be resent as
// anything. Every body below is genuinely signed with the app's secret. Each test has a victim shop
// of its own, so that each shows its own harm.
let VICTIM = "";
let VICTIM_ID = 0;
const OTHER = "other-store.myshopify.com";
const OTHER_ID = 7002;
const HOUR = 3600_000;

describe("intake: a signed body resent under another topic or shop changes nothing", () => {
  let h: IntakeHarness;

  const victimState = async () => ({
    shop: await h.database.prisma.shop.findUniqueOrThrow({
      where: { domain: VICTIM },
      select: { state: true, uninstalledAt: true, shopifyId: true },
    }),
    orders: await h.database.prisma.order.count({ where: { shop: { domain: VICTIM } } }),
    customers: await h.database.prisma.customer.count({ where: { shop: { domain: VICTIM } } }),
    sessions: await h.database.prisma.session.count({ where: { shop: VICTIM } }),
  });
  const failedEvent = (webhookId: string) =>
    h.database.prisma.webhookEvent.findFirstOrThrow({ where: { webhookId } });

  /** A shop the app knows: one order, its Shopify id from shop/update, an offline session. */
  async function installedShop(shopDomain: string, id: number, orderId: number) {
    expect((await h.send({ topic: "orders/create", shopDomain, payload: simpleOrder(orderId) })).status).toBe(
      200,
    );
    const shop = buildShopPayload({ id, myshopifyDomain: shopDomain, createdAt: "2024-01-01T00:00:00Z" });
    expect((await h.send({ topic: "shop/update", shopDomain, payload: shop })).status).toBe(200);
    await h.drain(shopDomain);
    await h.database.prisma.session.create({
      data: {
        id: `offline_${shopDomain}`,
        shop: shopDomain,
        state: "s",
        accessToken: "token",
        isOnline: false,
      },
    });
  }

  beforeAll(async () => {
    h = await startIntake();
    await installedShop(OTHER, OTHER_ID, 601);
  });
  let victims = 0;
  beforeEach(async () => {
    victims += 1;
    VICTIM = `victim-${victims}.myshopify.com`;
    VICTIM_ID = 7100 + victims;
    await installedShop(VICTIM, VICTIM_ID, 501);
  });
  afterAll(() => h.close());

  it("learns the shop's Shopify id from its shop/update", async () => {
    expect(await victimState()).toEqual({
      shop: { state: "installed", uninstalledAt: null, shopifyId: BigInt(VICTIM_ID) },
      orders: 1,
      customers: 0,
      sessions: 1,
    });
  });

  it("does not purge or disable a shop when an order body is resent as shop/redact or app/uninstalled", async () => {
    const before = await victimState();
    const sent = [];
    for (const topic of ["shop/redact", "app/uninstalled", "customers/redact", "customers/data_request"]) {
      for (const body of [simpleOrder(501), simpleOrder(601)]) {
        const result = await h.send({ topic, shopDomain: VICTIM, payload: body });
        expect(result.status).toBe(200);
        sent.push({ topic, webhookId: result.webhookId });
      }
    }
    await h.drain(VICTIM);
    expect(await victimState()).toEqual(before);
    for (const { topic, webhookId } of sent) {
      const event = await failedEvent(webhookId);
      expect(event).toMatchObject({ status: "failed", payload: null });
      expect(event.error).toMatch(new RegExp(`^body does not fit ${topic}`));
    }
  });

  it("does not act on another shop's genuine shop/redact, app/uninstalled or customers/redact resent with the victim's domain", async () => {
    const before = await victimState();
    const otherShop = { shopId: OTHER_ID, shopDomain: OTHER };
    const resent = [
      { topic: "shop/redact", payload: buildShopRedactPayload(otherShop) },
      {
        topic: "app/uninstalled",
        payload: buildShopPayload({
          id: OTHER_ID,
          myshopifyDomain: OTHER,
          createdAt: "2024-01-01T00:00:00Z",
        }),
      },
      {
        topic: "customers/redact",
        payload: buildCustomersRedactPayload(otherShop, { id: 91, email: "a@example.com" }, [501]),
      },
    ];
    const sent = [];
    for (const { topic, payload } of resent) {
      const result = await h.send({ topic, shopDomain: VICTIM, payload });
      expect(result.status).toBe(200);
      sent.push(result.webhookId);
    }
    await h.drain(VICTIM);
    expect(await victimState()).toEqual(before);
    for (const webhookId of sent) {
      const event = await failedEvent(webhookId);
      expect(event).toMatchObject({ status: "failed", payload: null });
      expect(event.error).toMatch(/another shop's domain/);
    }
  });

  it("does not act on a body that names the victim's domain with another shop id", async () => {
    const before = await victimState();
    const result = await h.send({
      topic: "shop/redact",
      shopDomain: VICTIM,
      payload: buildShopRedactPayload({ shopId: OTHER_ID, shopDomain: VICTIM }),
    });
    expect(result.status).toBe(200);
    await h.drain(VICTIM);
    expect(await victimState()).toEqual(before);
    expect((await failedEvent(result.webhookId)).error).toMatch(/another shop id/);
  });

  it("does not act on a destructive delivery older than Shopify's 4-hour retry window", async () => {
    const before = await victimState();
    const genuine = [
      { topic: "shop/redact", payload: buildShopRedactPayload({ shopId: VICTIM_ID, shopDomain: VICTIM }) },
      {
        topic: "app/uninstalled",
        payload: buildShopPayload({
          id: VICTIM_ID,
          myshopifyDomain: VICTIM,
          createdAt: "2024-01-01T00:00:00Z",
        }),
      },
    ];
    const sent = [];
    for (const { topic, payload } of genuine) {
      for (const triggeredAt of [new Date(Date.now() - 5 * HOUR), new Date(Date.now() + HOUR)]) {
        const result = await h.send({ topic, shopDomain: VICTIM, payload, triggeredAt });
        expect(result.status).toBe(200);
        sent.push(result.webhookId);
      }
    }
    await h.drain(VICTIM);
    expect(await victimState()).toEqual(before);
    for (const webhookId of sent) {
      const event = await failedEvent(webhookId);
      expect(event).toMatchObject({ status: "failed", payload: null });
      expect(event.error).toMatch(/retry window|in the future/);
    }
  });

  it("keeps an unsupported topic's delivery as metadata only", async () => {
    const result = await h.send({
      topic: "products/update",
      shopDomain: VICTIM,
      payload: { id: 1, title: "Hat", body_html: "<p>private</p>" },
    });
    expect(result.status).toBe(200);
    const event = await failedEvent(result.webhookId);
    expect(event).toMatchObject({
      topic: "products/update",
      status: "failed",
      payload: null,
      error: "unsupported topic products/update",
    });
  });

  it("stores a body that does not fit its topic as failed with the reason, and changes nothing", async () => {
    const before = await victimState();
    const { line_items: _dropped, ...orderWithoutLines } = simpleOrder(502);
    const results = [
      await h.send({ topic: "customers/update", shopDomain: VICTIM, payload: simpleOrder(503) }),
      await h.send({ topic: "orders/create", shopDomain: VICTIM, payload: orderWithoutLines }),
      await h.send({ topic: "orders/delete", shopDomain: VICTIM, payload: simpleOrder(501) }),
    ];
    expect(results.map((result) => result.status)).toEqual([200, 200, 200]);
    await h.drain(VICTIM);
    expect(await victimState()).toEqual(before);
    const reasons = [];
    for (const result of results) {
      const event = await failedEvent(result.webhookId);
      expect(event).toMatchObject({ status: "failed", payload: null });
      reasons.push(event.error);
    }
    expect(reasons).toEqual([
      expect.stringMatching(/^body does not fit customers\/update: .*line_items belongs to another topic/),
      expect.stringMatching(/^body does not fit orders\/create: line_items/),
      expect.stringMatching(/^body does not fit orders\/delete: .*created_at belongs to another topic/),
    ]);
  });

  it("still acts on a shop's own fresh app/uninstalled, with its known id or before the app knows it", async () => {
    const own = buildShopPayload({
      id: VICTIM_ID,
      myshopifyDomain: VICTIM,
      createdAt: "2024-01-01T00:00:00Z",
    });
    expect((await h.send({ topic: "app/uninstalled", shopDomain: VICTIM, payload: own })).status).toBe(200);
    await h.drain(VICTIM);
    expect(await victimState()).toMatchObject({ shop: { state: "uninstalled" }, sessions: 0 });

    const fresh = "fresh-store.myshopify.com";
    expect(
      (await h.send({ topic: "orders/create", shopDomain: fresh, payload: simpleOrder(701) })).status,
    ).toBe(200);
    await h.drain(fresh);
    expect(
      (await h.database.prisma.shop.findUniqueOrThrow({ where: { domain: fresh } })).shopifyId,
    ).toBeNull();
    const uninstall = buildShopPayload({
      id: 7003,
      myshopifyDomain: fresh,
      createdAt: "2024-01-01T00:00:00Z",
    });
    expect((await h.send({ topic: "app/uninstalled", shopDomain: fresh, payload: uninstall })).status).toBe(
      200,
    );
    await h.drain(fresh);
    expect((await h.database.prisma.shop.findUniqueOrThrow({ where: { domain: fresh } })).state).toBe(
      "uninstalled",
    );
  });
});
