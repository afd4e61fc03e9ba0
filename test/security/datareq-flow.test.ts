/**
 * customers/data_request from Shopify's signed delivery to the merchant: the Privacy page lists it, the
 * download holds that customer's data and nothing of anyone else's, and the digest recipients get one
 * notice, however often the notice job runs.
 */
import crypto from "node:crypto";
import { Session } from "@shopify/shopify-api";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyWebhookEvent } from "~/sync/events/apply-event.server";
import type { DigestConfig } from "~/digest/digest-config.server";
import { buildCustomersDataRequestPayload, buildShopPayload, sendWebhook } from "../../fake-shopify";
import * as privacy from "~/routes/app.privacy";
import { createPrivacyProcessor } from "../../workers/privacy.processor";
import { startSmtpSink, type SmtpSink } from "../digest/support/smtp-sink";
import { data, demoCookie, get, post, runAction, runLoader } from "../pages/support/routes";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { simpleOrder } from "../support/shop-events";
import { startTestWebApp, TEST_API_KEY, TEST_API_SECRET, type TestWebApp } from "../support/web-app";

const SHOP = "datareq-flow.myshopify.com";
const OTHER_SHOP = "datareq-other.myshopify.com";
// authenticate.admin turns away bots (Node's own fetch user agent among them).
const BROWSER =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
const SHOP_ID = 7_001;
const OTHER_SHOP_ID = 7_002;
const ALICE = {
  id: 9_101,
  email: "alice.private@example.com",
  firstName: "Alice",
  lastName: "Privatova",
  createdAt: "2026-10-01T00:00:00Z",
};
const BOB = {
  id: 9_102,
  email: "bob.neighbour@example.com",
  firstName: "Bob",
  lastName: "Neighbour",
  createdAt: "2026-10-02T00:00:00Z",
};

describe("customers/data_request reaches the merchant", () => {
  let database: TestDatabase;
  let web: TestWebApp;
  let sink: SmtpSink;
  let cookie: string;
  let otherCookie: string;
  let shopId: number;

  const deliver = async (shop: string, topic: string, payload: object) => {
    const result = await sendWebhook({
      url: `${web.url}/webhooks`,
      secret: TEST_API_SECRET,
      shopDomain: shop,
      topic,
      payload,
    });
    expect(result.status).toBe(200);
    const row = await database.prisma.webhookEvent.findFirstOrThrow({
      where: { webhookId: result.webhookId },
    });
    expect(await applyWebhookEvent(database.prisma, row.shopId, row.webhookId)).toBe("processed");
    return row;
  };
  const config = (smtpUrl: string | undefined): DigestConfig => ({
    smtpUrl,
    from: "Pulse KPI <digest@pulse.test>",
    apiKey: TEST_API_KEY,
    apiSecret: TEST_API_SECRET,
    appUrl: "http://localhost:3000",
  });

  beforeAll(async () => {
    database = await createTestDatabase();
    web = await startTestWebApp({ databaseUrl: database.url, extra: { DEMO_MODE: "true" } });
    sink = await startSmtpSink();
    cookie = await demoCookie(SHOP);
    otherCookie = await demoCookie(OTHER_SHOP);

    for (const [domain, id] of [
      [SHOP, SHOP_ID],
      [OTHER_SHOP, OTHER_SHOP_ID],
    ] as const) {
      await deliver(
        domain,
        "shop/update",
        buildShopPayload({ id, myshopifyDomain: domain, createdAt: "2020-01-01T00:00:00Z" }),
      );
    }
    // Alice has two orders here; Bob one in the same shop; the other shop has a customer with Alice's
    // very id and email (ids are per shop), whose order must never leak into this shop's download.
    await deliver(SHOP, "orders/create", simpleOrder(50_001, { customer: ALICE }));
    await deliver(
      SHOP,
      "orders/create",
      simpleOrder(50_002, { customer: ALICE, createdAt: "2026-11-05T10:00:00Z" }),
    );
    await deliver(SHOP, "orders/create", simpleOrder(50_003, { customer: BOB }));
    await deliver(OTHER_SHOP, "orders/create", simpleOrder(60_001, { customer: ALICE }));
    shopId = (await database.prisma.shop.findUniqueOrThrow({ where: { domain: SHOP } })).id;
    await database.prisma.shopSettings.create({
      data: { shopId, digestRecipients: ["owner@shop.test", "Staff@Shop.test", "gone@shop.test"] },
    });
    await database.prisma.digestUnsubscribe.create({ data: { shopId, email: "gone@shop.test" } });

    await deliver(
      SHOP,
      "customers/data_request",
      buildCustomersDataRequestPayload(
        { shopId: SHOP_ID, shopDomain: SHOP },
        { id: ALICE.id, email: ALICE.email, phone: "+48500100200" },
        [50_001, 50_002],
        8_801,
      ),
    );
  }, 180_000);

  afterAll(async () => {
    await sink?.close();
    await web?.close();
    await (await import("~/db.server")).disconnectDb();
    await database?.drop();
  });

  it("the Privacy page's loader lists the request: customer, email, dates, orders, not downloaded", async () => {
    const page = data(await runLoader(privacy.loader, get("/app/privacy", cookie)));
    expect(page.requests).toHaveLength(1);
    const [request] = page.requests;
    expect(request).toMatchObject({
      id: "8801",
      customerId: String(ALICE.id),
      customerName: "Alice Privatova",
      email: ALICE.email,
      ordersCount: 2,
      downloadedAt: null,
      handledAt: null,
    });
    expect(Date.parse(request!.expiresAt) - Date.parse(request!.requestedAt)).toBe(30 * 86_400_000);
    // Another shop's session sees none of it.
    expect(data(await runLoader(privacy.loader, get("/app/privacy", otherCookie))).requests).toEqual([]);
  });

  it("the download is that customer's data alone, as JSON attachment, and marks the request downloaded", async () => {
    const denied = await fetch(`${web.url}/app/privacy/8801/download`, {
      headers: { cookie: otherCookie },
      redirect: "manual",
    });
    expect(denied.status).toBe(404);
    expect(await database.prisma.dataRequest.findFirstOrThrow({ where: { id: 8801n } })).toMatchObject({
      downloadedAt: null,
    });

    const response = await fetch(`${web.url}/app/privacy/8801/download`, {
      headers: { cookie },
      redirect: "manual",
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("content-disposition")).toBe(
      'attachment; filename="customer-data-request-8801.json"',
    );
    expect(response.headers.get("cache-control")).toBe("no-store");
    const text = await response.text();
    const body = JSON.parse(text) as {
      dataRequestId: string;
      customer: { id: string; email: string };
      data: {
        customer: { id: string; email: string };
        orders: { id: string; customerId: string; shopId: number }[];
        checkouts: unknown[];
      };
    };
    expect(body.dataRequestId).toBe("8801");
    expect(body.customer).toEqual({ id: String(ALICE.id), email: ALICE.email });
    expect(body.data.customer).toMatchObject({ id: String(ALICE.id), email: ALICE.email });
    expect(body.data.orders.map((order) => order.id)).toEqual(["50001", "50002"]);
    expect(new Set(body.data.orders.map((order) => order.shopId))).toEqual(new Set([shopId]));
    // Nothing of Bob, and nothing of the other shop's customer who shares Alice's id.
    for (const foreign of [BOB.email, String(BOB.id), "Neighbour", "50003", "60001"])
      expect(text).not.toContain(foreign);

    const page = data(await runLoader(privacy.loader, get("/app/privacy", cookie)));
    expect(page.requests[0]!.downloadedAt).not.toBeNull();
  });

  it("inside the admin, the download answers a fetch with the App Bridge session token (authenticate.admin)", async () => {
    const { shopify } = await import("~/shopify.server");
    for (const shop of [SHOP, OTHER_SHOP]) {
      await shopify().sessionStorage.storeSession(
        new Session({
          id: `offline_${shop}`,
          shop,
          state: "",
          isOnline: false,
          accessToken: "shpat_test_offline",
          scope: "read_orders",
        }),
      );
    }
    const token = (shop: string) =>
      new SignJWT({ dest: `https://${shop}`, sid: crypto.randomUUID() })
        .setProtectedHeader({ alg: "HS256", typ: "JWT" })
        .setIssuer(`https://${shop}/admin`)
        .setAudience(TEST_API_KEY)
        .setSubject("42")
        .setIssuedAt()
        .setNotBefore(Math.floor(Date.now() / 1000) - 5)
        .setExpirationTime("1m")
        .setJti(crypto.randomUUID())
        .sign(new TextEncoder().encode(TEST_API_SECRET));
    const response = await fetch(`${web.url}/app/privacy/8801/download`, {
      headers: { authorization: `Bearer ${await token(SHOP)}`, "user-agent": BROWSER },
      redirect: "manual",
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { customer: { id: string } }).customer.id).toBe(String(ALICE.id));
    // The other shop's genuine token reaches only the other shop's requests.
    const otherShops = await fetch(`${web.url}/app/privacy/8801/download`, {
      headers: { authorization: `Bearer ${await token(OTHER_SHOP)}`, "user-agent": BROWSER },
      redirect: "manual",
    });
    expect(otherShops.status).toBe(404);
    // A token signed with another secret proves nothing.
    const forged = await new SignJWT({ dest: `https://${SHOP}` })
      .setProtectedHeader({ alg: "HS256" })
      .setIssuer(`https://${SHOP}/admin`)
      .setAudience(TEST_API_KEY)
      .setExpirationTime("1m")
      .sign(new TextEncoder().encode("not-the-secret"));
    const refused = await fetch(`${web.url}/app/privacy/8801/download`, {
      headers: { authorization: `Bearer ${forged}`, "user-agent": BROWSER },
      redirect: "manual",
    });
    expect(refused.status).toBeGreaterThanOrEqual(300);
    expect(refused.headers.get("content-type") ?? "").not.toMatch(/json/);
  });

  it("a malformed request id is refused with 400 and an unknown one with 404", async () => {
    expect(
      (await fetch(`${web.url}/app/privacy/88x01/download`, { headers: { cookie }, redirect: "manual" }))
        .status,
    ).toBe(400);
    expect(
      (await fetch(`${web.url}/app/privacy/9999/download`, { headers: { cookie }, redirect: "manual" }))
        .status,
    ).toBe(404);
  });

  it("without SMTP the request stays on the page and is not marked as announced", async () => {
    const processor = createPrivacyProcessor({ prisma: database.prisma, config: () => config(undefined) });
    await processor({ name: "notices" });
    expect(await database.prisma.dataRequest.findFirstOrThrow({ where: { id: 8801n } })).toMatchObject({
      notifiedAt: null,
    });
    expect(data(await runLoader(privacy.loader, get("/app/privacy", cookie))).requests).toHaveLength(1);
  });

  it("emails the digest recipients once, however often the job runs (and again after a refusal), with the customer's email masked", async () => {
    const processor = createPrivacyProcessor({ prisma: database.prisma, config: () => config(sink.url) });
    // A refusal proves the email did not go out: the request waits for the next run.
    sink.refuseNext(1, 451);
    expect(await processor({ name: "notices" })).toMatchObject({ emails: 0, failed: 1 });
    expect(await sink.parsed()).toHaveLength(0);
    expect(await database.prisma.dataRequest.findFirstOrThrow({ where: { id: 8801n } })).toMatchObject({
      notifiedAt: null,
    });
    // Two overlapping runs and a retry.
    await Promise.all([processor({ name: "notices" }), processor({ name: "notices" })]);
    await processor({ name: "notices" });
    const mails = await sink.parsed();
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    const to = (Array.isArray(mail!.to) ? mail!.to : [mail!.to]).flatMap((address) =>
      address!.value.map((v) => v.address),
    );
    expect(to.sort()).toEqual(["owner@shop.test", "staff@shop.test"]);
    expect(mail!.subject).toBe("A customer requested their data");
    for (const part of [mail!.text!, mail!.html as string]) {
      expect(part).toContain("a***@e***.com");
      expect(part).toContain(`https://admin.shopify.com/store/datareq-flow/apps/${TEST_API_KEY}/app/privacy`);
      expect(part).toContain("30 days");
      for (const secret of [ALICE.email, "alice", "Privatova", String(ALICE.id), "+48500100200"])
        expect(part.toLowerCase()).not.toContain(secret.toLowerCase());
    }
    expect(await database.prisma.dataRequest.findFirstOrThrow({ where: { id: 8801n } })).toMatchObject({
      notifiedAt: expect.any(Date),
    });
  });

  it("a shop without digest recipients gets no email, and its page still lists the request", async () => {
    await deliver(
      OTHER_SHOP,
      "customers/data_request",
      buildCustomersDataRequestPayload(
        { shopId: OTHER_SHOP_ID, shopDomain: OTHER_SHOP },
        { id: ALICE.id, email: ALICE.email },
        [60_001],
        8_802,
      ),
    );
    await createPrivacyProcessor({ prisma: database.prisma, config: () => config(sink.url) })({
      name: "notices",
    });
    expect(await sink.parsed()).toHaveLength(1);
    const [request] = data(await runLoader(privacy.loader, get("/app/privacy", otherCookie))).requests;
    expect(request).toMatchObject({ id: "8802", ordersCount: 1, handledAt: null });
    // Same customer id and email, other shop: its own order only.
    const file = (await (
      await fetch(`${web.url}/app/privacy/8802/download`, { headers: { cookie: otherCookie } })
    ).json()) as { data: { orders: { id: string }[] } };
    expect(file.data.orders.map((order) => order.id)).toEqual(["60001"]);
  });

  it("marking the request handled deletes the copy; the download then finds nothing", async () => {
    const result = await runAction(
      privacy.action,
      post("/app/privacy", otherCookie, { intent: "handled", id: "8801" }),
    );
    expect(result).toBeInstanceOf(Response);
    expect((result as Response).status).toBe(404);
    expect(
      (await database.prisma.dataRequest.findFirstOrThrow({ where: { id: 8801n } })).handledAt,
    ).toBeNull();

    expect(
      data(await runAction(privacy.action, post("/app/privacy", cookie, { intent: "handled", id: "8801" }))),
    ).toEqual({ ok: true, error: null });
    const row = await database.prisma.dataRequest.findFirstOrThrow({ where: { id: 8801n } });
    expect(row.handledAt).not.toBeNull();
    expect(row.data).toBeNull();
    expect(
      (await fetch(`${web.url}/app/privacy/8801/download`, { headers: { cookie }, redirect: "manual" }))
        .status,
    ).toBe(404);
    expect(data(await runLoader(privacy.loader, get("/app/privacy", cookie))).requests[0]).toMatchObject({
      id: "8801",
      handledAt: expect.any(String),
    });
    // The same request delivered again (a new webhook id) does not bring the deleted copy back.
    await deliver(
      SHOP,
      "customers/data_request",
      buildCustomersDataRequestPayload(
        { shopId: SHOP_ID, shopDomain: SHOP },
        { id: ALICE.id, email: ALICE.email },
        [50_001, 50_002],
        8_801,
      ),
    );
    expect((await database.prisma.dataRequest.findFirstOrThrow({ where: { id: 8801n } })).data).toBeNull();
  });
});
