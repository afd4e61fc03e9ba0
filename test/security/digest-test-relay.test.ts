/**
 * The test digest must not be an open mail relay: it goes only to the shop's own recipients (or verified
 * staff), at most TEST_DIGEST_LIMIT an hour per shop, counted in the database.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { sendTestDigest } from "~/digest/admin.server";
import { smtpTransport } from "~/digest/mailer.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { TEST_CONFIG, createDigestShop, mondayMorning, seedWeeklySnapshots } from "../digest/support/seed";
import { startSmtpSink, type SmtpSink } from "../digest/support/smtp-sink";
import { data, demoCookie, post, runAction, useDemoEnvironment } from "../pages/support/routes";

const TZ = "UTC";
const at = mondayMorning(2026, 11, 23, TZ);

describe("test digest", () => {
  let database: TestDatabase;
  let sink: SmtpSink;
  let shopId: number;
  let deps: Parameters<typeof sendTestDigest>[2];
  const sentTo = async () =>
    (await sink.parsed()).map((mail) => (mail.to && !Array.isArray(mail.to) ? mail.to.text : "?"));

  beforeAll(async () => {
    database = await createTestDatabase();
    useDemoEnvironment(database.url);
    sink = await startSmtpSink();
    shopId = await createDigestShop(database.prisma, {
      domain: "relay.myshopify.com",
      timezone: TZ,
      recipients: ["owner@relay.example", "ops@relay.example", "gone@relay.example"],
    });
    await createDigestShop(database.prisma, {
      domain: "other-shop.myshopify.com",
      timezone: TZ,
      recipients: ["boss@other.example"],
    });
    await database.prisma.digestUnsubscribe.create({ data: { shopId, email: "gone@relay.example" } });
    await seedWeeklySnapshots(database.prisma, shopId, TZ, at, 3);
    deps = { prisma: database.prisma, config: TEST_CONFIG, transport: smtpTransport(sink.url), now: at };
  });
  afterAll(async () => {
    await sink.close();
    await database.drop();
  });

  it("refuses any address that is not one of the shop's recipients, and sends nothing", async () => {
    for (const stranger of ["victim@elsewhere.example", "boss@other.example", "gone@relay.example"]) {
      const result = await sendTestDigest(shopId, stranger, deps);
      expect(result).toEqual({
        ok: false,
        error: `A test digest goes only to this store's digest recipients. Add ${stranger} to the recipients under Settings › Weekly digest email first.`,
      });
    }
    expect(sink.messages).toHaveLength(0);
    expect(await database.prisma.testDigestSend.count()).toBe(0);
  });

  it("the page's action refuses a stranger's address too", async () => {
    const route = await import("~/routes/app.digest");
    const cookie = await demoCookie("relay.myshopify.com");
    const result = data(
      await runAction(route.action, post("/app/digest", cookie, { email: "victim@elsewhere.example" })),
    );
    expect(result).toMatchObject({
      ok: false,
      error: expect.stringContaining("only to this store's digest recipients"),
    });
    expect(sink.messages).toHaveLength(0);
  });

  it("sends to a verified staff email of the shop", async () => {
    await database.prisma.session.create({
      data: {
        id: "online_relay_staff",
        shop: "relay.myshopify.com",
        state: "s",
        isOnline: true,
        accessToken: "t",
        email: "Staff@Relay.example",
        emailVerified: true,
      },
    });
    await database.prisma.session.create({
      data: {
        id: "online_relay_unverified",
        shop: "relay.myshopify.com",
        state: "s",
        isOnline: true,
        accessToken: "t",
        email: "unverified@relay.example",
        emailVerified: false,
      },
    });
    expect(await sendTestDigest(shopId, "staff@relay.example", deps)).toMatchObject({
      ok: true,
      to: "staff@relay.example",
    });
    expect(await sendTestDigest(shopId, "unverified@relay.example", deps)).toMatchObject({ ok: false });
    expect(await sentTo()).toEqual(["staff@relay.example"]);
  });

  it("sends at most 5 an hour per shop, even when clicked at once, then again after the hour", async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        sendTestDigest(shopId, i % 2 ? "owner@relay.example" : "ops@relay.example", deps),
      ),
    );
    // One of the five was taken by the staff send above.
    expect(results.filter((r) => r.ok)).toHaveLength(4);
    const refused = results.filter((r) => !r.ok);
    expect(refused).toHaveLength(4);
    expect(refused[0]).toEqual({
      ok: false,
      error: "At most 5 test digests an hour per store. Try again in 60 minutes.",
    });
    expect(sink.messages).toHaveLength(5);

    const later = { ...deps, now: new Date(at.getTime() + 61 * 60_000) };
    expect(await sendTestDigest(shopId, "owner@relay.example", later)).toMatchObject({ ok: true });
    expect(sink.messages).toHaveLength(6);
  });

  it("one shop's sends do not use up another shop's limit", async () => {
    const other = await database.prisma.shop.findUniqueOrThrow({
      where: { domain: "other-shop.myshopify.com" },
    });
    expect(await sendTestDigest(other.id, "boss@other.example", deps)).toMatchObject({ ok: true });
  });
});

describe("test digest when the mail server refuses", () => {
  let database: TestDatabase;
  let sink: SmtpSink;

  beforeAll(async () => {
    database = await createTestDatabase();
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await sink.close();
    await database.drop();
  });

  it("answers a clear error instead of failing the page", async () => {
    vi.spyOn(process.stderr, "write").mockReturnValue(true);
    const shopId = await createDigestShop(database.prisma, {
      domain: "refused.myshopify.com",
      timezone: TZ,
      recipients: ["owner@refused.example"],
    });
    sink.refuseNext(1, 550);
    const result = await sendTestDigest(shopId, "owner@refused.example", {
      prisma: database.prisma,
      config: TEST_CONFIG,
      transport: smtpTransport(sink.url),
      now: at,
    });
    expect(result).toEqual({
      ok: false,
      error: "The mail server did not accept the test digest. Try again in a few minutes.",
    });
  });
});
