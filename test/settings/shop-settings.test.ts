import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getShopSettings, kpiSettingsOf, updateShopSettings } from "~/settings/shop-settings.server";
import { loadShopContext } from "~/kpi-engine/settings.server";
import { readMarketingSpend, saveMarketingSpend } from "~/settings/marketing-spend.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { translatorFor } from "~/i18n/catalog.server";

const en = translatorFor("en");

describe("shop settings", () => {
  let database: TestDatabase;
  let shopId: number;
  beforeAll(async () => {
    database = await createTestDatabase();
    shopId = (
      await database.prisma.shop.create({
        data: { domain: "settings.myshopify.com", timezone: "Asia/Tokyo" },
      })
    ).id;
  });
  afterAll(() => database.drop());

  it("starts from the defaults of docs/kpi-definitions.md", async () => {
    const row = await getShopSettings(database.prisma, shopId);
    expect(kpiSettingsOf(row, "Asia/Tokyo")).toEqual({
      timezone: "Asia/Tokyo",
      activityWindowDays: 180,
      graceMinutes: 10,
      refundAttribution: "refund-date",
      grossMarginPct: null,
      marketingSpendByMonth: null,
    });
    expect(row).toMatchObject({ digestEnabled: true, digestWeekday: 1, digestHour: 8, digestRecipients: [] });
  });

  it("saves valid changes, normalising recipients", async () => {
    const result = await updateShopSettings(
      database.prisma,
      shopId,
      {
        activityWindowDays: "365",
        grossMarginPct: "42.5",
        refundAttribution: "order_date",
        digestRecipients: [" Owner@Example.com "],
      },
      en,
    );
    expect(result.ok).toBe(true);
    const settings = kpiSettingsOf(await getShopSettings(database.prisma, shopId), "Asia/Tokyo", {
      "2026-10": 150_000,
    });
    expect(settings).toMatchObject({
      activityWindowDays: 365,
      grossMarginPct: 42.5,
      refundAttribution: "order-date",
      marketingSpendByMonth: { "2026-10": 150_000 },
    });
    expect((await getShopSettings(database.prisma, shopId)).digestRecipients).toEqual(["owner@example.com"]);
  });

  it("refuses out-of-range values with a message per field and saves nothing", async () => {
    const result = await updateShopSettings(
      database.prisma,
      shopId,
      {
        activityWindowDays: 10,
        digestHour: 24,
        digestRecipients: ["not-an-email"],
        graceMinutes: 5,
      },
      en,
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        activityWindowDays: "must be at least 30 days",
        digestHour: "must be an hour from 0 to 23",
        digestRecipients: "is not an email address",
      },
    });
    expect((await getShopSettings(database.prisma, shopId)).graceMinutes).toBe(10);
  });

  it("gives the engine the saved spend months in month order, so its settings key stays put", async () => {
    await saveMarketingSpend(
      database.prisma,
      shopId,
      { "2026-09": 300, "2025-01": 100, "2026-01": 200 },
      0,
      "2026-12",
    );
    const { settings } = await loadShopContext(database.prisma, shopId);
    expect(Object.keys(settings.marketingSpendByMonth!)).toEqual(["2025-01", "2026-01", "2026-09"]);
    await saveMarketingSpend(database.prisma, shopId, { "2025-01": null }, 0, "2026-12");
    expect(await readMarketingSpend(database.prisma, shopId)).toEqual({ "2026-01": 200, "2026-09": 300 });
    await expect(
      saveMarketingSpend(database.prisma, shopId, { "2026-02": 5, "2027-01": 1 }, 0, "2026-12"),
    ).rejects.toThrow(/2027-01: is in the future/);
    expect(await readMarketingSpend(database.prisma, shopId)).toEqual({ "2026-01": 200, "2026-09": 300 });
  });
});
