/**
 * A Polish shop's digest through real SMTP, read back with mailparser: one language throughout, numbers
 * and dates included. The setting overrides the shop's primary locale; the opt-in email and the
 * unsubscribe and confirmation pages speak the same language as the digest.
 */
import type { ParsedMail } from "mailparser";
import { simpleParser } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { previewDigest } from "~/digest/admin.server";
import { DIGEST_KPIS } from "~/digest/digest-kpis";
import { lastCompleteWeek } from "~/digest/digest-week";
import { digestFormat } from "~/digest/format";
import { digestKpiName } from "~/digest/kpi-name";
import { smtpTransport } from "~/digest/mailer.server";
import { requestOptIns } from "~/digest/opt-in.server";
import { signOptInToken } from "~/digest/opt-in-token.server";
import { recordUnsubscribe } from "~/digest/recipients.server";
import { sendWeeklyDigest } from "~/digest/send-weekly-digest.server";
import { digestLanguage } from "~/digest/shop-locale.server";
import { signUnsubscribeToken } from "~/digest/unsubscribe-token.server";
import { translatorFor } from "~/i18n/catalog.server";
import { readSnapshots } from "~/kpi-engine/snapshots.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { TEST_API_SECRET, startTestWebApp, type TestWebApp } from "../support/web-app";
import { TEST_CONFIG, createDigestShop, mondayMorning, seedWeeklySnapshots } from "./support/seed";
import { startSmtpSink, type SmtpSink } from "./support/smtp-sink";

const TZ = "Europe/Warsaw";
const spaces = (s: string) => s.replace(/\u00a0|\u202f/g, " ");

/** Latin words left once the brand, shop, currency, ISO week, URLs and KPI names are taken out. */
function englishLeftovers(text: string): string[] {
  const pl = translatorFor("pl");
  let out = text.replace(/https?:\/\/\S+/g, " ");
  for (const kpi of DIGEST_KPIS) out = out.split(digestKpiName(kpi, pl)).join(" ");
  out = out.replace(/Pulse KPI|Shopify|Bright Socks|USD|\d{4}-W\d{2}/g, " ");
  const english =
    /\b(the|week|weekly|digest|sales|total|vs|last|year|ago|rose|fell|against|before|worth|look|usual|range|above|below|was|your|in|numbers|what|stands|out|better|worse|dashboard|unsubscribe|rates|change|percentage|points|why|value|blank|shaded|band|open|admin|sends|every|addresses|settings|pts|steady)\b/gi;
  return out.match(english) ?? [];
}

describe("a Polish shop's digest", () => {
  let database: TestDatabase;
  let sink: SmtpSink;
  let web: TestWebApp;
  let shopId: number;
  let mail: ParsedMail;
  const at = mondayMorning(2026, 11, 23, TZ);
  const config = () => ({ ...TEST_CONFIG, apiSecret: TEST_API_SECRET, appUrl: web.url, smtpUrl: sink.url });

  beforeAll(async () => {
    database = await createTestDatabase();
    [web, sink] = await Promise.all([startTestWebApp({ databaseUrl: database.url }), startSmtpSink()]);
    shopId = await createDigestShop(database.prisma, {
      domain: "polskie-skarpety.myshopify.com",
      timezone: TZ,
      currency: "USD",
      recipients: ["wlasciciel@skarpety.example"],
      // An admin reading the app in English changes nothing: the shop's language decides.
      locale: "en-US",
      primaryLocale: "pl-PL",
    });
    await seedWeeklySnapshots(database.prisma, shopId, TZ, at);
    const outcome = await sendWeeklyDigest(
      { prisma: database.prisma, config: config(), transport: smtpTransport(sink.url) },
      { shopId, jobId: "job-pl", at },
    );
    expect(outcome).toMatchObject({ status: "sent", isoWeek: "2026-W47" });
    mail = (await sink.parsed())[0]!;
  });

  afterAll(async () => {
    await web.close();
    await sink.close();
    await database.drop();
  });

  it("defaults to the shop's primary locale", async () => {
    expect(await digestLanguage(database.prisma, shopId)).toBe("pl");
  });

  it("has a Polish subject with a Polish date range and Polish numbers", () => {
    expect(spaces(mail.subject ?? "")).toMatch(
      /^Podsumowanie tygodnia sklepu Bright Socks, 16–22 lis 2026: łączna sprzedaż [\d ]+,\d\d USD \([+-][\d,]+% wobec poprzedniego tygodnia\)$/,
    );
    expect(englishLeftovers(mail.subject ?? "")).toEqual([]);
  });

  it("writes the plain text in Polish, every value formatted in Polish", async () => {
    const text = mail.text ?? "";
    const reading = await readSnapshots(database.prisma, shopId, lastCompleteWeek(at, TZ));
    const format = digestFormat("pl", "USD");
    for (const kpi of DIGEST_KPIS) {
      const shown = format.value(kpi.kind, reading.current.get(kpi.key)?.value ?? null);
      expect(text).toContain(`${digestKpiName(kpi, format.i18n)}: ${shown} (wobec poprzedniego tygodnia`);
    }
    expect(text).toMatch(
      /^Bright Socks: Twój tydzień w liczbach\n16–22 lis 2026 \(2026-W47\)\n\nCo się wyróżnia\n/,
    );
    expect(text).toContain("— warto się temu przyjrzeć.");
    expect(text).toMatch(/powyżej zwykłego zakresu od [\d ,%]+ do [\d ,%]+ \(z poprzednich 12 tygodni\)\./);
    // Notes under a blank value come from the KPI catalogue's own namespace; the digest's lines must be Polish.
    const digestLines = text.split("\n").filter((line) => !line.startsWith("  "));
    expect(englishLeftovers(digestLines.join("\n"))).toEqual([]);
  });

  it("marks the HTML as Polish and writes its headings, legend and footer in Polish", () => {
    const html = String(mail.html);
    expect(html).toMatch(/<html[^>]*\blang="pl"/);
    for (const words of [
      "Co się wyróżnia",
      "wobec poprzedniego tygodnia",
      "wobec roku wcześniej",
      "ostatnie 12 tygodni",
      "Otwórz pulpit w panelu administracyjnym Shopify",
      "Wypisz się",
    ])
      expect(html).toContain(words);
    expect(html).not.toMatch(/What stands out|vs last week|Unsubscribe<|last 12 weeks/);
  });

  it("follows the digest setting over the primary locale", async () => {
    await database.prisma.shopSettings.update({ where: { shopId }, data: { digestLanguage: "uk" } });
    try {
      const preview = await previewDigest(shopId, { prisma: database.prisma, config: config(), now: at });
      expect(spaces(preview.subject)).toMatch(
        /^Тижневий підсумок магазину Bright Socks, 16–22 лист\. 2026 р\./,
      );
      expect(preview.html).toMatch(/<html[^>]*\blang="uk"/);
      expect(preview.text).toContain("Що варто помітити");
    } finally {
      await database.prisma.shopSettings.update({ where: { shopId }, data: { digestLanguage: null } });
    }
  });

  it("sends the opt-in email in Polish", async () => {
    const email = "wrocil@skarpety.example";
    await recordUnsubscribe(database.prisma, shopId, email);
    const before = sink.messages.length;
    expect(await requestOptIns(database.prisma, shopId, [email], { config: config() })).toEqual([
      { email, status: "sent" },
    ]);
    const optIn = await simpleParser(sink.messages[before]!);
    expect(optIn.subject).toBe("Potwierdź: cotygodniowe podsumowanie Pulse KPI dla sklepu Bright Socks");
    expect(String(optIn.html)).toMatch(/<html lang="pl">/);
    expect(optIn.text).toContain("Administrator sklepu Bright Socks ponownie dodał ten adres");
    expect(englishLeftovers(`${optIn.subject} ${optIn.text}`)).toEqual([]);
  });

  it("shows the unsubscribe and confirmation pages in Polish, <html lang> included", async () => {
    const unsubscribe = await fetch(
      `${web.url}/digest/unsubscribe?token=${encodeURIComponent(signUnsubscribeToken(TEST_API_SECRET, shopId, "wlasciciel@skarpety.example"))}`,
    );
    const page = await unsubscribe.text();
    expect(page).toMatch(/<html lang="pl"/);
    expect(page).toContain(
      "Przestać wysyłać cotygodniowe podsumowanie na adres wlasciciel@skarpety.example?",
    );
    expect(page).toContain("<title>Wypisz się · Pulse KPI</title>");
    // The browser gets the page's own messages, not the email's.
    expect(page).not.toContain("digest.subject");

    const token = signOptInToken(TEST_API_SECRET, {
      shopId,
      email: "wrocil@skarpety.example",
      requestedAt: new Date(),
    });
    const confirm = await (
      await fetch(`${web.url}/digest/confirm?token=${encodeURIComponent(token)}`)
    ).text();
    expect(confirm).toMatch(/<html lang="pl"/);
    expect(confirm).toContain("Tak, wysyłajcie mi podsumowanie");

    // A forged link names no shop: the browser's language, else English.
    const forged = await fetch(`${web.url}/digest/unsubscribe?token=nonsense`, {
      headers: { "Accept-Language": "el-GR,el;q=0.9,en;q=0.5" },
    });
    const refused = await forged.text();
    expect(refused).toMatch(/<html lang="el"/);
    expect(refused).toContain("Αυτός ο σύνδεσμος διαγραφής δεν είναι έγκυρος.");
    const english = await (await fetch(`${web.url}/digest/unsubscribe?token=nonsense`)).text();
    expect(english).toMatch(/<html lang="en"/);
    expect(english).toContain("This unsubscribe link is not valid.");
  });
});
