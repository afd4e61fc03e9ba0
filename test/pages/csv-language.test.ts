/**
 * CSV exports speak the reader's language in their header row only: the values under it are the same
 * plain numbers and ISO dates in every language, so a spreadsheet reads any of them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runClvModel } from "~/clv/clv-model.server";
import { LANGUAGES, type Language } from "~/i18n/locales";
import * as customersCsvRoute from "~/routes/app.customers_.csv";
import * as kpiCsvRoute from "~/routes/app.kpi.$kpi_.csv";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { seedShop } from "./support/seed-shop";
import { demoCookie, get, runLoader, useDemoEnvironment } from "./support/routes";

const SHOP = "csv-language.myshopify.com";
const NOW = new Date("2026-11-20T15:00:00Z");

const KPI_HEADERS: Record<Language, readonly string[]> = {
  en: [
    "Period",
    "From",
    "To",
    "Average order value (PLN)",
    "Gross sales − discounts (PLN)",
    "Orders",
    "Previous period period",
    "Previous period from",
    "Previous period to",
    "Previous period (PLN)",
  ],
  pl: [
    "Okres",
    "Od",
    "Do",
    "Średnia wartość zamówienia (PLN)",
    "Sprzedaż brutto − rabaty (PLN)",
    "Zamówienia",
    "Poprzedni okres – okres",
    "Poprzedni okres – od",
    "Poprzedni okres – do",
    "Poprzedni okres (PLN)",
  ],
  uk: [
    "Період",
    "З",
    "По",
    "Середня вартість замовлення (PLN)",
    "Валові продажі − знижки (PLN)",
    "Замовлення",
    "Попередній період — період",
    "Попередній період — з",
    "Попередній період — по",
    "Попередній період (PLN)",
  ],
  el: [
    "Περίοδος",
    "Από",
    "Έως",
    "Μέση αξία παραγγελίας (PLN)",
    "Μεικτές πωλήσεις − εκπτώσεις (PLN)",
    "Παραγγελίες",
    "Προηγούμενη περίοδος – περίοδος",
    "Προηγούμενη περίοδος – από",
    "Προηγούμενη περίοδος – έως",
    "Προηγούμενη περίοδος (PLN)",
  ],
};

const CUSTOMER_HEADERS: Record<Language, readonly string[]> = {
  en: ["Customer", "Email", "Segment", "Shopify customer ID", "Orders", "Spend to date (PLN)"],
  pl: [
    "Klient",
    "E-mail",
    "Segment",
    "Identyfikator klienta w Shopify",
    "Zamówienia",
    "Wydane do tej pory (PLN)",
  ],
  uk: [
    "Клієнт",
    "Електронна пошта",
    "Сегмент",
    "Ідентифікатор клієнта в Shopify",
    "Замовлення",
    "Витрачено досі (PLN)",
  ],
  el: ["Πελάτης", "Email", "Τμήμα", "Αναγνωριστικό πελάτη Shopify", "Παραγγελίες", "Δαπάνη έως σήμερα (PLN)"],
};

/** A CSV's lines split into cells; a quoted cell may hold a comma ("Szansa, że…"), never a line break. */
async function csvOf(response: unknown): Promise<string[][]> {
  expect(response).toBeInstanceOf(Response);
  const text = await (response as Response).text();
  return text
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n")
    .map((line) => [...line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map(([, cell]) => unquote(cell!)));
}

const unquote = (cell: string) => (cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell);

describe("CSV exports in the reader's language", () => {
  let database: TestDatabase;
  let cookie: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    useDemoEnvironment(database.url);
    const shop = await seedShop(database.prisma, {
      domain: SHOP,
      customers: 200,
      days: 500,
      now: NOW,
      seed: 5,
      currency: "PLN",
      timezone: "Europe/Warsaw",
    });
    await runClvModel(database.prisma, shop.shopId, { now: NOW });
    cookie = await demoCookie(SHOP);
  }, 240_000);
  afterAll(async () => {
    await (await import("~/db.server")).disconnectDb();
    await database?.drop();
  });

  const kpiCsv = async (language: Language) =>
    csvOf(
      await runLoader(
        kpiCsvRoute.loader,
        get(`/app/kpi/aov/csv?range=last-90-days&granularity=month&locale=${language}`, cookie),
        { kpi: "aov" },
      ),
    );

  it.each(LANGUAGES)("%s: the KPI CSV's header row, with the same values as in English", async (language) => {
    const [header, ...rows] = await kpiCsv(language);
    expect(header).toEqual(KPI_HEADERS[language]);
    const [, ...englishRows] = await kpiCsv("en");
    // Plain numbers and ISO dates in every language; only a period's name follows the language.
    expect(rows.map((row) => row.slice(1))).toEqual(englishRows.map((row) => row.slice(1)));
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows) {
      expect(row[1]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(row[3]).toMatch(/^(\d+\.\d{2})?$/);
    }
  });

  it.each(LANGUAGES)("%s: the customers CSV's header row", async (language) => {
    const [header, ...rows] = await csvOf(
      await runLoader(customersCsvRoute.loader, get(`/app/customers/csv?locale=${language}`, cookie)),
    );
    expect(header!.slice(0, 6)).toEqual(CUSTOMER_HEADERS[language]);
    expect(header).toHaveLength(14);
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows) expect(row[5]).toMatch(/^\d+\.\d{2}$/);
  });
});
