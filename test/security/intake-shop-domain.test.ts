import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simpleOrder } from "../support/shop-events";
import { startIntake, type IntakeHarness } from "./support/intake";

describe("intake: no shop row from a delivery that is not a genuine, usable webhook of a myshopify.com shop", () => {
  let h: IntakeHarness;
  beforeAll(async () => {
    h = await startIntake();
  });
  afterAll(() => h.close());

  const shopCount = () => h.database.prisma.shop.count();

  it.each([
    "shop.example.shopify.com",
    "x.myshopify.io",
    "x.myshopify.com/",
    "X.myshopify.com",
    "x.MYSHOPIFY.COM",
    "x.myshopify.com.",
    "x.myshopify.com:443",
    "https://x.myshopify.com",
    ".myshopify.com",
    "a b.myshopify.com",
    "x.myshopify.com.evil.example",
    "evil.example/x.myshopify.com",
  ])("answers a validly signed delivery for shop %j with 400 and creates nothing", async (shopDomain) => {
    const result = await h.send({ topic: "orders/create", shopDomain, payload: simpleOrder(1) });
    expect(result.status).toBe(400);
    expect(await shopCount()).toBe(0);
    expect(await h.database.prisma.webhookEvent.count()).toBe(0);
  });

  it("creates no shop from a validly signed body that cannot be parsed or does not fit its topic", async () => {
    const broken = await h.send({
      topic: "orders/create",
      shopDomain: "new-one.myshopify.com",
      rawBody: '{"id": 1, "line_items": [',
    });
    const unfit = await h.send({
      topic: "orders/create",
      shopDomain: "new-two.myshopify.com",
      payload: { id: 2 },
    });
    const unknownTopic = await h.send({
      topic: "products/update",
      shopDomain: "new-three.myshopify.com",
      payload: { id: 3 },
    });
    expect([broken.status, unfit.status, unknownTopic.status]).toEqual([200, 200, 200]);
    expect(await shopCount()).toBe(0);
    expect(await h.database.prisma.webhookEvent.count()).toBe(0);
  });

  it("creates no shop from a delivery with a wrong or missing signature", async () => {
    const forged = await h.send({
      topic: "orders/create",
      shopDomain: "new-four.myshopify.com",
      payload: simpleOrder(4),
      forgeWithSecret: "guess",
    });
    const unsigned = await h.send({
      topic: "orders/create",
      shopDomain: "new-five.myshopify.com",
      payload: simpleOrder(5),
      omitHmac: true,
    });
    expect([forged.status, unsigned.status]).toEqual([401, 401]);
    expect(await shopCount()).toBe(0);
  });

  it("stores a shop's next webhook after its row was deleted (a purged shop that comes back)", async () => {
    const domain = "comes-back.myshopify.com";
    expect(
      (await h.send({ topic: "orders/create", shopDomain: domain, payload: simpleOrder(7) })).status,
    ).toBe(200);
    await h.database.prisma.shop.delete({ where: { domain } });
    const again = await h.send({ topic: "orders/create", shopDomain: domain, payload: simpleOrder(8) });
    expect(again.status).toBe(200);
    const event = await h.database.prisma.webhookEvent.findFirstOrThrow({
      where: { webhookId: again.webhookId },
      include: { shop: true },
    });
    expect(event.shop.domain).toBe(domain);
    await h.database.prisma.shop.delete({ where: { domain } });
  });

  it("creates the shop from its first genuine, usable webhook", async () => {
    const result = await h.send({
      topic: "orders/create",
      shopDomain: "real-shop.myshopify.com",
      payload: simpleOrder(6),
    });
    expect(result.status).toBe(200);
    expect(await h.database.prisma.shop.findMany({ select: { domain: true } })).toEqual([
      { domain: "real-shop.myshopify.com" },
    ]);
  });
});
