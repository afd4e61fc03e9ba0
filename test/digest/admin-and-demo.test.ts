/** The admin page's preview and test send, and the demo's outbox and send-now entry point. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { simpleParser } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { previewDigest, sendTestDigest } from "~/digest/admin.server";
import { startDemoOutbox, type DemoOutbox } from "~/digest/demo-outbox.server";
import { sendDigestNow } from "~/digest/demo.server";
import { DIGEST_KPIS } from "~/digest/digest-kpis";
import { smtpTransport } from "~/digest/mailer.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { TEST_CONFIG, createDigestShop, mondayMorning, seedWeeklySnapshots } from "./support/seed";
import { startSmtpSink, type SmtpSink } from "./support/smtp-sink";

const TZ = "Asia/Tokyo";

describe("digest in the admin and the demo", () => {
  let database: TestDatabase;
  let sink: SmtpSink;
  let outbox: DemoOutbox;
  let outboxDir: string;
  let shopId: number;
  let otherShopId: number;
  const at = mondayMorning(2026, 11, 23, TZ);
  const written: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    sink = await startSmtpSink();
    outboxDir = fs.mkdtempSync(path.join(os.tmpdir(), "pulse-outbox-"));
    outbox = await startDemoOutbox({ dir: outboxDir, onMessage: (file) => written.push(file) });
    shopId = await createDigestShop(database.prisma, {
      domain: "tokyo-tea.myshopify.com",
      timezone: TZ,
      currency: "JPY",
      locale: "ja-JP",
    });
    otherShopId = await createDigestShop(database.prisma, { domain: "other.myshopify.com", timezone: TZ });
    await seedWeeklySnapshots(database.prisma, shopId, TZ, at, 14);
  });
  afterAll(async () => {
    await outbox.close();
    await sink.close();
    await database.drop();
    fs.rmSync(outboxDir, { recursive: true, force: true });
  });

  it("previews the week's digest with its charts inlined, for that shop only", async () => {
    const preview = await previewDigest(shopId, { prisma: database.prisma, config: TEST_CONFIG, now: at });
    expect(preview).toMatchObject({ isoWeek: "2026-W47", ready: true });
    expect(preview.html).not.toContain("cid:");
    expect(preview.html.match(/src="data:image\/png;base64,/g)).toHaveLength(DIGEST_KPIS.length);
    // The shop's language (English), not the Japanese of an admin's session, numbers included.
    expect(preview.text).toContain("Total sales: ¥500,000");
    expect(preview.html).not.toContain("Unsubscribe");
    const other = await previewDigest(otherShopId, { prisma: database.prisma, config: TEST_CONFIG, now: at });
    expect(other.text).toContain("Total sales: —");
    // No spend entered: the CAC and ROAS rows say what fills them.
    expect(other.text).toMatch(
      /Cost per new customer \(CAC\): — [^\n]*\n {2}Enter marketing spend in settings \(missing: /,
    );
    expect(other.html).toContain("Enter marketing spend in settings");
  });

  it("sends a test copy to one of the shop's recipients without recording the week's delivery", async () => {
    const deps = {
      prisma: database.prisma,
      config: TEST_CONFIG,
      transport: smtpTransport(sink.url),
      now: at,
    };
    expect(await sendTestDigest(shopId, "not an email", deps)).toEqual({
      ok: false,
      error: "Enter a valid email address",
    });
    expect(await sendTestDigest(shopId, " Owner@Bright-Socks.example ", deps)).toMatchObject({
      ok: true,
      to: "owner@bright-socks.example",
    });
    const [mail] = await sink.parsed();
    expect(mail!.subject).toMatch(/^\[Test\] /);
    expect(mail!.headers.has("list-unsubscribe")).toBe(false);
    expect(await database.prisma.digestDelivery.count({ where: { shopId } })).toBe(0);
  });

  it("the demo outbox writes the sent digest as an .eml file", async () => {
    await database.prisma.kpiEngineState.update({ where: { shopId }, data: { computedAt: new Date() } });
    const outcome = await sendDigestNow(shopId, {
      prisma: database.prisma,
      config: { ...TEST_CONFIG, smtpUrl: outbox.url },
      at,
    });
    expect(outcome).toMatchObject({ status: "sent", isoWeek: "2026-W47" });
    expect(written).toHaveLength(1);
    expect(path.dirname(written[0]!)).toBe(outboxDir);
    expect(written[0]!).toMatch(/\.eml$/);
    const mail = await simpleParser(fs.readFileSync(written[0]!));
    expect(mail.subject).toContain("Bright Socks weekly digest");
  });
});
