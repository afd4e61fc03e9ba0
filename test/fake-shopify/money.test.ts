import { describe, expect, test } from "vitest";
import { convertMinor, formatMinor, moneySet, mulDivRound, parseMinor } from "../../fake-shopify/money";
import { formatShopTime, localDate, zonedTimeToInstant } from "../../fake-shopify/shop-time";

describe("money from integer minor units", () => {
  test("formats exactly, per currency exponent", () => {
    expect(formatMinor(3 * 1299, "USD")).toBe("38.97");
    expect(formatMinor(7, "USD")).toBe("0.07");
    expect(formatMinor(0, "USD")).toBe("0.00");
    expect(formatMinor(-500, "USD")).toBe("-5.00");
    expect(formatMinor(3 * 1200, "JPY")).toBe("3600");
    expect(formatMinor(12345, "KWD")).toBe("12.345");
    expect(formatMinor(5, "KWD")).toBe("0.005");
    // 0.1 + 0.2 in floats is 0.30000000000000004; in cents it is just 30.
    expect(formatMinor(10 + 20, "EUR")).toBe("0.30");
  });

  test("refuses fractional minor units and parses back exactly", () => {
    expect(() => formatMinor(12.5, "USD")).toThrow(RangeError);
    expect(parseMinor("38.97", "USD")).toBe(3897);
    expect(parseMinor("12.345", "KWD")).toBe(12345);
    expect(parseMinor("3600", "JPY")).toBe(3600);
    expect(parseMinor("-0.50", "USD")).toBe(-50);
    expect(() => parseMinor("1.5", "JPY")).toThrow(RangeError);
  });

  test("converts to a presentment currency at an exact decimal rate", () => {
    // 38.97 × 0.9213 = 35.903061 → 35.90
    expect(convertMinor(3897, "USD", { currency: "EUR", rate: "0.9213" })).toBe(3590);
    // 38.97 × 151.2 = 5892.264 → ¥5892
    expect(convertMinor(3897, "USD", { currency: "JPY", rate: "151.2" })).toBe(5892);
    // 38.97 × 0.307 = 11.96379 → 11.964 KWD
    expect(convertMinor(3897, "USD", { currency: "KWD", rate: "0.307" })).toBe(11964);
    // half a cent rounds away from zero
    expect(mulDivRound(1, 1, 2)).toBe(1);
    expect(mulDivRound(-1, 1, 2)).toBe(-1);
    expect(moneySet(3897, { shopCurrency: "USD", presentment: { currency: "JPY", rate: "151.2" } })).toEqual({
      shop_money: { amount: "38.97", currency_code: "USD" },
      presentment_money: { amount: "5892", currency_code: "JPY" },
    });
  });
});

describe("shop-local timestamps", () => {
  test("carry the zone's offset, DST included", () => {
    expect(formatShopTime(new Date("2026-01-10T00:00:17Z"), "America/New_York")).toBe(
      "2026-01-09T19:00:17-05:00",
    );
    expect(formatShopTime(new Date("2026-07-10T00:00:17Z"), "America/New_York")).toBe(
      "2026-07-09T20:00:17-04:00",
    );
    expect(formatShopTime(new Date("2026-07-10T00:00:17.999Z"), "UTC")).toBe("2026-07-10T00:00:17+00:00");
    expect(formatShopTime(new Date("2026-07-10T00:00:00Z"), "Asia/Kolkata")).toBe(
      "2026-07-10T05:30:00+05:30",
    );
  });

  test("local wall times map back to instants on the same local day", () => {
    expect(zonedTimeToInstant("2026-01-09", 19 * 3600 + 17, "America/New_York").toISOString()).toBe(
      "2026-01-10T00:00:17.000Z",
    );
    // 02:30 does not exist in New York on 2026-03-08; it still lands on that day.
    const skipped = zonedTimeToInstant("2026-03-08", 2.5 * 3600, "America/New_York");
    expect(localDate(skipped, "America/New_York")).toBe("2026-03-08");
    // Santiago springs forward at midnight: 00:30 does not exist on 2026-09-06.
    expect(localDate(zonedTimeToInstant("2026-09-06", 1800, "America/Santiago"), "America/Santiago")).toBe(
      "2026-09-06",
    );
  });
});
