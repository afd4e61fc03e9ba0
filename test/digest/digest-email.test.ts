/**
 * A digest goes through real SMTP (smtp-server) and is read back with mailparser: subject, values equal
 * to the KPI engine's snapshots in the shop's currency and locale, unsubscribe headers and token, inline
 * PNG charts referenced by CID, the text part; and a second send of the same week sends nothing.
 */
import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIGEST_KPIS } from "~/digest/digest-kpis";
import { lastCompleteWeek } from "~/digest/digest-week";
import { digestFormat } from "~/digest/format";
import { smtpTransport } from "~/digest/mailer.server";
import { recordUnsubscribe } from "~/digest/recipients.server";
import { sendWeeklyDigest } from "~/digest/send-weekly-digest.server";
import { verifyUnsubscribeToken } from "~/digest/unsubscribe-token.server";
import { readSnapshots } from "~/kpi-engine/snapshots.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { TEST_CONFIG, createDigestShop, mondayMorning, seedWeeklySnapshots } from "./support/seed";
import { startSmtpSink, type SmtpSink } from "./support/smtp-sink";

const TZ = "Europe/Berlin";
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe("weekly digest over SMTP", () => {
  let database: TestDatabase;
  let sink: SmtpSink;
  let shopId: number;
  const at = mondayMorning(2026, 11, 23, TZ);
  const recipients = ["owner@bright-socks.example", "ops@bright-socks.example"];
  let mails: ParsedMail[];

  beforeAll(async () => {
    database = await createTestDatabase();
    sink = await startSmtpSink();
    shopId = await createDigestShop(database.prisma, {
      domain: "bright-socks.myshopify.com",
      timezone: TZ,
      currency: "EUR",
      recipients,
      locale: "de-DE",
    });
    await seedWeeklySnapshots(database.prisma, shopId, TZ, at);
    const outcome = await sendWeeklyDigest(
      { prisma: database.prisma, config: TEST_CONFIG, transport: smtpTransport(sink.url) },
      { shopId, jobId: "job-1", at },
    );
    expect(outcome).toMatchObject({
      status: "sent",
      isoWeek: "2026-W47",
      sentTo: recipients,
      uncertainTo: [],
    });
    mails = await sink.parsed();
  });

  afterAll(async () => {
    await sink.close();
    await database.drop();
  });

  it("sends one message per recipient with the week in the subject", () => {
    expect(mails.map((m) => (m.to && !Array.isArray(m.to) ? m.to.text : ""))).toEqual(recipients);
    // One language throughout: the shop's (English here), not the German of an admin's session.
    expect(mails[0]!.subject).toMatch(
      /^Bright Socks weekly digest, Nov 16\s–\s22, 2026: total sales €5,000\.00 \(\+8\.8%/,
    );
    expect(mails[0]!.messageId).toMatch(/^<digest\.\d+\.2026-W47\.[0-9a-f]{16}@pulse\.example>$/);
  });

  it("shows every KPI as the engine's snapshot has it, in the shop's currency and language, null as —", async () => {
    const reading = await readSnapshots(database.prisma, shopId, lastCompleteWeek(at, TZ));
    const format = digestFormat("en", "EUR");
    const text = mails[0]!.text ?? "";
    const html = String(mails[0]!.html);
    for (const kpi of DIGEST_KPIS) {
      const snapshot = reading.current.get(kpi.key)?.value ?? null;
      const shown = format.value(kpi.kind, snapshot);
      expect(text).toContain(`${kpi.label}: ${shown}`);
      expect(html).toContain(shown);
    }
    expect(format.value("money", 500_000)).toBe("€5,000.00");
    expect(text).toContain("Customer lifetime value: —");
    expect(text).toContain("Total sales: €5,000.00");
  });

  it("says what stands out: the largest moves and a KPI outside its usual range", () => {
    const text = mails[0]!.text ?? "";
    expect(text).toMatch(/Total sales rose [\d.]+% to €5,000\.00/);
    expect(text).toMatch(/Checkout abandonment was 90\.0%, above its usual range of/);
    expect(text).toContain("Dashboard: https://admin.shopify.com/store/bright-socks/apps/test-api-key");
  });

  it("carries RFC 8058 one-click unsubscribe headers with a signed token for that recipient", () => {
    for (const [i, mail] of mails.entries()) {
      const header = (name: string) =>
        mail.headerLines
          .find((line) => line.key === name)
          ?.line.replace(/^[^:]+:\s*/, "")
          .replace(/\r?\n\s+/g, "");
      expect(header("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
      const url = new URL(header("list-unsubscribe")!.replace(/^<|>$/g, ""));
      expect(url.origin + url.pathname).toBe("https://pulse.example/digest/unsubscribe");
      const check = verifyUnsubscribeToken(TEST_CONFIG.apiSecret, url.searchParams.get("token"));
      expect(check).toMatchObject({ ok: true, claims: { shopId, email: recipients[i] } });
      expect(mail.text).toContain(url.toString());
    }
  });

  it("embeds a valid PNG chart per KPI, each referenced by CID from the HTML", () => {
    const mail = mails[0]!;
    const images = mail.attachments.filter((a) => a.contentType === "image/png");
    expect(images).toHaveLength(DIGEST_KPIS.length);
    for (const image of images) {
      expect(image.content.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
      expect(image.contentDisposition).toBe("inline");
      expect(image.cid).toBeTruthy();
      expect(String(mail.html)).toContain(`cid:${image.cid}`);
    }
  });

  it("has a plain-text part and no customer data", () => {
    const mail = mails[0]!;
    expect(mail.text).toMatch(/^Bright Socks: your week in numbers/);
    // Only aggregates: the only addresses in the body are in the unsubscribe link, none of a customer.
    expect(String(mail.html)).not.toMatch(/@(?!pulse)[a-z-]+\.example/);
  });

  it("sends nothing more for the same week, and skips an unsubscribed recipient the week after", async () => {
    const deps = { prisma: database.prisma, config: TEST_CONFIG, transport: smtpTransport(sink.url) };
    expect(await sendWeeklyDigest(deps, { shopId, jobId: "job-2", at })).toMatchObject({
      status: "already-done",
      isoWeek: "2026-W47",
    });
    expect(sink.messages).toHaveLength(2);

    await recordUnsubscribe(database.prisma, shopId, "OPS@bright-socks.example ");
    const nextWeek = mondayMorning(2026, 11, 30, TZ);
    await seedWeeklySnapshots(database.prisma, shopId, TZ, nextWeek, 14);
    expect(await sendWeeklyDigest(deps, { shopId, jobId: "job-3", at: nextWeek })).toMatchObject({
      status: "sent",
      isoWeek: "2026-W48",
      sentTo: [recipients[0]],
    });
    expect(sink.messages).toHaveLength(3);
  });
});
