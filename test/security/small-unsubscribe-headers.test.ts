/** The unsubscribe page's URL carries a recipient's signed token: it must not be cached nor leak as a Referer. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUnsubscribeToken } from "~/digest/unsubscribe-token.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { TEST_API_SECRET, startTestWebApp, type TestWebApp } from "../support/web-app";
import { createDigestShop } from "../digest/support/seed";

describe("unsubscribe page headers", () => {
  let database: TestDatabase;
  let web: TestWebApp;
  let shopId: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    web = await startTestWebApp({ databaseUrl: database.url });
    shopId = await createDigestShop(database.prisma, {
      domain: "unsub-headers.myshopify.com",
      timezone: "UTC",
      recipients: ["owner@shop.example"],
    });
  });
  afterAll(async () => {
    await web.close();
    await database.drop();
  });

  const url = (token: string, data = false) =>
    `${web.url}/digest/unsubscribe${data ? ".data" : ""}?token=${encodeURIComponent(token)}`;
  const expectPrivate = (response: Response) => {
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
  };

  it("the confirmation page (GET, HTML and data) is no-store and no-referrer", async () => {
    const token = signUnsubscribeToken(TEST_API_SECRET, shopId, "owner@shop.example");
    const page = await fetch(url(token));
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    expectPrivate(page);
    expectPrivate(await fetch(url(token, true)));
  });

  it("a refused token's page is no-store and no-referrer too", async () => {
    const page = await fetch(url("nonsense"));
    expect(page.status).toBe(400);
    expectPrivate(page);
  });

  it("the one-click POST's answer is no-store and no-referrer", async () => {
    const token = signUnsubscribeToken(TEST_API_SECRET, shopId, "owner@shop.example");
    const response = await fetch(url(token), {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(response.status).toBe(200);
    expectPrivate(response);
  });
});
