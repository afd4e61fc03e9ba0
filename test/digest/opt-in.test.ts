/**
 * Re-adding an address that unsubscribed: it becomes pending and gets an opt-in email (real SMTP) with a
 * signed link; only confirming that link (a POST) re-activates it. Forged, expired, outdated and replayed
 * links are refused and change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { smtpTransport } from "~/digest/mailer.server";
import { signOptInToken, verifyOptInToken } from "~/digest/opt-in-token.server";
import { digestRecipients, recipientStatuses, recordUnsubscribe } from "~/digest/recipients.server";
import { signUnsubscribeToken } from "~/digest/unsubscribe-token.server";
import { loadRecipients, loadSettings, saveSettings } from "~/pages/settings.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { TEST_API_SECRET, startTestWebApp, type TestWebApp } from "../support/web-app";
import { TEST_CONFIG, createDigestShop } from "./support/seed";
import { startSmtpSink, type SmtpSink } from "./support/smtp-sink";
import { translatorFor } from "~/i18n/catalog.server";

const en = translatorFor("en");

const DAY = 24 * 3600 * 1000;

describe("opt-in tokens", () => {
  const requestedAt = new Date("2026-12-01T08:00:00Z");
  const token = signOptInToken(TEST_API_SECRET, { shopId: 3, email: "left@shop.example", requestedAt });

  it("carry shop, recipient and the request they were made for, and expire after a week", () => {
    expect(verifyOptInToken(TEST_API_SECRET, token, requestedAt)).toEqual({
      ok: true,
      claims: {
        shopId: 3,
        email: "left@shop.example",
        requestedAt: requestedAt.getTime(),
        expiresAt: requestedAt.getTime() + 7 * DAY,
      },
    });
    expect(verifyOptInToken(TEST_API_SECRET, token, new Date(requestedAt.getTime() + 8 * DAY))).toEqual({
      ok: false,
      reason: "expired",
    });
  });

  it("refuse another secret, an altered payload and an unsubscribe token", () => {
    expect(verifyOptInToken("another-secret", token, requestedAt)).toMatchObject({ reason: "bad-signature" });
    const [, signature] = token.split(".");
    const altered = Buffer.from(
      JSON.stringify({
        s: 4,
        r: "left@shop.example",
        q: requestedAt.getTime(),
        e: requestedAt.getTime() + DAY,
      }),
    ).toString("base64url");
    expect(verifyOptInToken(TEST_API_SECRET, `${altered}.${signature}`, requestedAt)).toMatchObject({
      reason: "bad-signature",
    });
    const unsubscribe = signUnsubscribeToken(TEST_API_SECRET, 3, "left@shop.example", requestedAt);
    expect(verifyOptInToken(TEST_API_SECRET, unsubscribe, requestedAt)).toMatchObject({ ok: false });
  });
});

describe("re-adding an unsubscribed recipient", () => {
  let database: TestDatabase;
  let web: TestWebApp;
  let sink: SmtpSink;
  let shopId: number;
  const shop = () => ({ id: shopId, currency: "USD", timezone: "UTC" });

  beforeAll(async () => {
    database = await createTestDatabase();
    [web, sink] = await Promise.all([startTestWebApp({ databaseUrl: database.url }), startSmtpSink()]);
    shopId = await createDigestShop(database.prisma, {
      domain: "opt-in.myshopify.com",
      timezone: "UTC",
      recipients: ["owner@shop.example", "left@shop.example"],
    });
  });
  afterAll(async () => {
    await globalThis.__pulseQueues?.close();
    globalThis.__pulseQueues = undefined;
    await web.close();
    await sink.close();
    await database.drop();
  });

  const deps = () => ({
    config: { ...TEST_CONFIG, apiSecret: TEST_API_SECRET, appUrl: web.url, smtpUrl: sink.url },
    transport: smtpTransport(sink.url),
  });
  const saveRecipients = async (recipients: string, now = new Date()) => {
    const values = await loadSettings(database.prisma, shop(), new Date(), en);
    return saveSettings(
      database.prisma,
      shop(),
      { ...values, digestRecipients: recipients },
      now,
      deps(),
      en,
    );
  };
  const active = async () => (await digestRecipients(database.prisma, shopId)).recipients;
  const confirmUrl = (token: string) => `${web.url}/digest/confirm?token=${encodeURIComponent(token)}`;
  const post = (token: string) => fetch(confirmUrl(token), { method: "POST", redirect: "manual" });

  it("keeps it inactive, marks it pending and mails a signed link that alone re-activates it", async () => {
    await recordUnsubscribe(database.prisma, shopId, "left@shop.example");
    expect(await saveRecipients("owner@shop.example")).toMatchObject({ ok: true, optIns: [] });
    const saved = await saveRecipients("owner@shop.example, Left@Shop.example");
    expect(saved).toMatchObject({ ok: true, optIns: [{ email: "left@shop.example", status: "sent" }] });

    // Not silently back: pending, and the digest still skips it.
    expect(await active()).toEqual(["owner@shop.example"]);
    const statuses = await recipientStatuses(database.prisma, shopId);
    expect(statuses.find((s) => s.email === "left@shop.example")?.optInRequestedAt).toBeInstanceOf(Date);
    const views = await loadRecipients(database.prisma, shop(), en);
    expect(views.find((v) => v.email === "left@shop.example")?.pendingText).toMatch(/\d{4}/);

    const [mail] = await sink.parsed();
    expect(sink.messages).toHaveLength(1);
    expect(mail!.to).toMatchObject({ text: "left@shop.example" });
    expect(mail!.subject).toMatch(/^Confirm: weekly Pulse KPI digest/);
    const link = /(https?:\/\/\S+\/digest\/confirm\?token=\S+)/.exec(mail!.text ?? "")?.[1];
    expect(link).toBeDefined();
    const token = decodeURIComponent(new URL(link!).searchParams.get("token")!);

    // Opening the link (a mail scanner's GET) only asks.
    const page = await fetch(confirmUrl(token));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Yes, send me the digest");
    expect(await active()).toEqual(["owner@shop.example"]);

    // A forged token, and a genuine one that has expired, change nothing.
    const forged = signOptInToken("not-the-secret", {
      shopId,
      email: "left@shop.example",
      requestedAt: statuses.find((s) => s.email === "left@shop.example")!.optInRequestedAt!,
    });
    expect((await post(forged)).status).toBe(403);
    const expired = signOptInToken(
      TEST_API_SECRET,
      {
        shopId,
        email: "left@shop.example",
        requestedAt: statuses.find((s) => s.email === "left@shop.example")!.optInRequestedAt!,
      },
      -1,
    );
    expect((await post(expired)).status).toBe(403);
    expect((await post("garbage")).status).toBe(400);
    expect(await active()).toEqual(["owner@shop.example"]);

    const confirmed = await post(token);
    expect(confirmed.status).toBe(200);
    expect(await active()).toEqual(["owner@shop.example", "left@shop.example"]);
    // Used once: a replay is outdated, not an error that changes anything.
    expect((await post(token)).status).toBe(409);
    expect(await active()).toEqual(["owner@shop.example", "left@shop.example"]);
  });

  it("sends at most one opt-in email a day, and an unsubscribe since voids the link", async () => {
    const before = sink.messages.length;
    await recordUnsubscribe(database.prisma, shopId, "left@shop.example");
    await saveRecipients("owner@shop.example");
    const now = new Date();
    expect((await saveRecipients("owner@shop.example, left@shop.example", now)).ok).toBe(true);
    await saveRecipients("owner@shop.example");
    const again = await saveRecipients(
      "owner@shop.example, left@shop.example",
      new Date(now.getTime() + 60_000),
    );
    expect(again).toMatchObject({ optIns: [{ email: "left@shop.example", status: "already-pending" }] });
    expect(sink.messages.length).toBe(before + 1);

    const token = signOptInToken(TEST_API_SECRET, { shopId, email: "left@shop.example", requestedAt: now });
    await recordUnsubscribe(database.prisma, shopId, "left@shop.example");
    expect((await post(token)).status).toBe(409);
    expect(await active()).toEqual(["owner@shop.example"]);
  });
});
