/**
 * One-click unsubscribe: tokens are signed, bound to shop and recipient, and expire; the route honours a
 * valid RFC 8058 POST, shows a confirmation on GET, and refuses forged or expired tokens.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { digestRecipients } from "~/digest/recipients.server";
import { signUnsubscribeToken, verifyUnsubscribeToken } from "~/digest/unsubscribe-token.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { TEST_API_SECRET, startTestWebApp, type TestWebApp } from "../support/web-app";
import { createDigestShop } from "./support/seed";

const SECRET = TEST_API_SECRET;
const DAY = 24 * 3600 * 1000;

describe("unsubscribe tokens", () => {
  const now = new Date("2026-11-23T08:00:00Z");
  const token = signUnsubscribeToken(SECRET, 7, "owner@shop.example", now);

  it("verify with the app secret and carry shop, recipient and expiry", () => {
    expect(verifyUnsubscribeToken(SECRET, token, now)).toEqual({
      ok: true,
      claims: { shopId: 7, email: "owner@shop.example", expiresAt: now.getTime() + 180 * DAY },
    });
  });

  it("refuse another secret, an altered payload, a truncated signature and an expired token", () => {
    expect(verifyUnsubscribeToken("another-secret", token, now)).toEqual({
      ok: false,
      reason: "bad-signature",
    });
    const [payload, signature] = token.split(".");
    const altered = Buffer.from(
      JSON.stringify({ s: 8, r: "owner@shop.example", e: now.getTime() + DAY }),
    ).toString("base64url");
    expect(verifyUnsubscribeToken(SECRET, `${altered}.${signature}`, now)).toEqual({
      ok: false,
      reason: "bad-signature",
    });
    expect(verifyUnsubscribeToken(SECRET, `${payload}.${signature!.slice(0, -2)}`, now)).toEqual({
      ok: false,
      reason: "bad-signature",
    });
    expect(verifyUnsubscribeToken(SECRET, token, new Date(now.getTime() + 181 * DAY))).toEqual({
      ok: false,
      reason: "expired",
    });
    expect(verifyUnsubscribeToken(SECRET, "nonsense", now)).toEqual({ ok: false, reason: "malformed" });
    expect(verifyUnsubscribeToken(SECRET, null, now)).toEqual({ ok: false, reason: "malformed" });
  });
});

describe("unsubscribe route", () => {
  let database: TestDatabase;
  let web: TestWebApp;
  let shopId: number;
  const recipients = ["owner@shop.example", "ops@shop.example", "finance@shop.example"];

  beforeAll(async () => {
    database = await createTestDatabase();
    web = await startTestWebApp({ databaseUrl: database.url });
    shopId = await createDigestShop(database.prisma, {
      domain: "unsubscribe.myshopify.com",
      timezone: "UTC",
      recipients,
    });
  });
  afterAll(async () => {
    await web.close();
    await database.drop();
  });

  const url = (token: string) => `${web.url}/digest/unsubscribe?token=${encodeURIComponent(token)}`;
  const oneClick = (token: string) =>
    fetch(url(token), {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
      redirect: "manual",
    });
  const unsubscribed = async () =>
    (await database.prisma.digestUnsubscribe.findMany({ where: { shopId }, orderBy: { email: "asc" } })).map(
      (u) => u.email,
    );

  it("GET shows a confirmation page and changes nothing", async () => {
    const response = await fetch(url(signUnsubscribeToken(SECRET, shopId, "owner@shop.example")));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Stop sending the weekly digest to owner@shop.example?");
    expect(await unsubscribed()).toEqual([]);
  });

  it("a one-click POST unsubscribes that recipient, and the digest skips them", async () => {
    const response = await oneClick(signUnsubscribeToken(SECRET, shopId, "owner@shop.example"));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("will no longer receive the weekly digest");
    expect(await unsubscribed()).toEqual(["owner@shop.example"]);
    expect((await digestRecipients(database.prisma, shopId)).recipients).toEqual([
      "ops@shop.example",
      "finance@shop.example",
    ]);
    // Idempotent: a mail provider may POST twice.
    expect((await oneClick(signUnsubscribeToken(SECRET, shopId, "owner@shop.example"))).status).toBe(200);
  });

  it("refuses a forged token (wrong secret or altered recipient)", async () => {
    const forged = signUnsubscribeToken("not-the-app-secret", shopId, "ops@shop.example");
    expect((await oneClick(forged)).status).toBe(403);
    const [, signature] = signUnsubscribeToken(SECRET, shopId, "ops@shop.example").split(".");
    const altered = Buffer.from(
      JSON.stringify({ s: shopId, r: "finance@shop.example", e: Date.now() + DAY }),
    ).toString("base64url");
    const response = await oneClick(`${altered}.${signature}`);
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("This unsubscribe link is not valid");
    expect(await unsubscribed()).toEqual(["owner@shop.example"]);
  });

  it("refuses an expired token", async () => {
    const expired = signUnsubscribeToken(
      SECRET,
      shopId,
      "finance@shop.example",
      new Date(Date.now() - 200 * DAY),
    );
    const response = await oneClick(expired);
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("has expired");
    expect((await fetch(url(expired))).status).toBe(403);
    expect(await unsubscribed()).toEqual(["owner@shop.example"]);
  });
});
