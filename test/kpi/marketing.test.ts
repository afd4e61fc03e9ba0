import { describe, expect, it } from "vitest";
import { parsePeriod } from "~/kpi/calendar/parse-period";
import { customerAcquisitionCost, marketingSpendMinor, returnOnAdSpend } from "~/kpi/marketing";
import { rangeValue } from "~/kpi-engine/range-values";
import { memoisedDays } from "~/kpi-engine/spans";
import { missingSpendReason, monthsWithoutSpend } from "~/kpi/spend-reason";
import { translatorFor } from "~/i18n/catalog.server";
import { at } from "./support/builders";

const en = translatorFor("en");

const LATER = at("2030-01-01T00:00:00Z");

describe("marketingSpendMinor", () => {
  const spend = { "2024-02": 2900, "2024-03": 3100, "2024-04": 3000 }; // 100 a day in Feb (29 d) and Mar (31 d)

  it("gives a full month exactly its spend", () => {
    expect(marketingSpendMinor(parsePeriod("2024-03", "UTC", LATER), spend, "UTC")).toBe(3100);
    expect(marketingSpendMinor(parsePeriod("2024-03", "Europe/Warsaw", LATER), spend, "Europe/Warsaw")).toBe(
      3100,
    );
  });

  it("splits a week across two months by local days", () => {
    // 2024-W09 = Mon 26 Feb – Sun 3 Mar: 4 days × 100 + 3 days × 100
    expect(marketingSpendMinor(parsePeriod("2024-W09", "UTC", LATER), spend, "UTC")).toBe(700);
  });

  it("counts a partial day by its elapsed share, on a 23-hour DST day too", () => {
    expect(
      marketingSpendMinor(
        { start: at("2024-03-01T00:00:00Z"), end: at("2024-03-01T12:00:00Z") },
        spend,
        "UTC",
      ),
    ).toBe(50);
    // Warsaw 31 Mar 2024 has 23 h (30 Mar 23:00Z → 31 Mar 22:00Z); 11.5 h is half of it → 100 ÷ 2
    expect(
      marketingSpendMinor(
        { start: at("2024-03-30T23:00:00Z"), end: at("2024-03-31T10:30:00Z") },
        spend,
        "Europe/Warsaw",
      ),
    ).toBe(50);
  });

  it("is null when spend is missing for a month the period touches, or not given at all", () => {
    expect(marketingSpendMinor(parsePeriod("2024-Q2", "UTC", LATER), spend, "UTC")).toBeNull(); // no May or June
    expect(marketingSpendMinor(parsePeriod("2024-03", "UTC", LATER), null, "UTC")).toBeNull();
  });

  it("gives the same figures with the KPI engine's memoised calendar as straight from the time zone database", () => {
    const zone = "Europe/Warsaw";
    const ranges = [
      parsePeriod("2024-03", zone, LATER),
      parsePeriod("2024-W09", zone, LATER),
      { start: at("2024-03-30T23:00:00Z"), end: at("2024-03-31T10:30:00Z") }, // partial 23-hour day
      { start: at("2024-02-20T07:15:00Z"), end: at("2024-04-02T16:45:00Z") }, // partial days at both ends, three months
    ];
    for (const range of ranges) {
      const expected = marketingSpendMinor(range, spend, zone);
      expect(expected).not.toBeNull();
      expect(marketingSpendMinor(range, spend, zone, memoisedDays(zone))).toBe(expected);
    }
    // 100 a day: 20 Feb from 08:15 local (15.75 h of 24), 21–29 Feb, all of March, 1 Apr, 2 Apr to 18:45 CEST
    expect(marketingSpendMinor(ranges[3]!, spend, zone)).toBeCloseTo(
      100 * (15.75 / 24 + 9 + 31 + 1 + 18.75 / 24),
      6,
    );
  });
});

describe("CAC and ROAS", () => {
  it("divides spend by new customers, and net sales by spend", () => {
    expect(customerAcquisitionCost(3000, 3)).toEqual({ value: 1000, numerator: 3000, denominator: 3 });
    expect(returnOnAdSpend(13_600, 3000)).toEqual({
      value: 13_600 / 3000,
      numerator: 13_600,
      denominator: 3000,
    });
  });

  it("is undefined with no new customers or no spend, and absent without spend data", () => {
    expect(customerAcquisitionCost(3000, 0)?.value).toBeNull();
    expect(returnOnAdSpend(13_600, 0)?.value).toBeNull();
    expect(customerAcquisitionCost(null, 3)).toBeNull();
    expect(returnOnAdSpend(13_600, null)).toBeNull();
  });
});

describe("missing spend: the months without an amount, and the reason a blank shows", () => {
  const zone = "Europe/Warsaw";
  const spend = { "2026-10": 50_000, "2026-11": 60_000 };

  it("names the months a period touches that have no spend, in the shop's zone", () => {
    // 1 Dec 00:30 in Warsaw is still 30 Nov in UTC: the local month decides.
    const range = { start: new Date("2026-10-31T23:30:00Z"), end: new Date("2026-12-01T23:30:00Z") };
    expect(monthsWithoutSpend(range, spend, zone)).toEqual(["2026-12"]);
    expect(monthsWithoutSpend(range, null, zone)).toEqual(["2026-11", "2026-12"]);
    expect(monthsWithoutSpend(parsePeriod("2026-11", zone, LATER), spend, zone)).toEqual([]);
  });

  it("says to enter spend in settings for the period's months, or the year's for LTV:CAC", () => {
    const december = parsePeriod("2026-12", zone, LATER);
    expect(missingSpendReason("cac", december, spend, zone, en)).toBe(
      "Enter marketing spend in settings (missing: Dec 2026).",
    );
    expect(missingSpendReason("roas", parsePeriod("2026-11", zone, LATER), spend, zone, en)).toBeNull();
    expect(missingSpendReason("ltv_to_cac", parsePeriod("2026-11", zone, LATER), spend, zone, en)).toBe(
      "Enter marketing spend in settings for every month of the last 365 days (missing: Dec 2025, Jan 2026, 8 more).",
    );
    expect(missingSpendReason("aov", december, null, zone, en)).toBeNull();
  });
});

describe("free ranges: spend KPIs from the prorated spend and the summed days", () => {
  const sums = new Map([
    ["new_customers", { value: 4, numerator: null, denominator: null }],
    ["net_sales", { value: 90_000, numerator: null, denominator: null }],
  ]);

  it("divides the range's spend by its new customers (CAC) and its net sales by the spend (ROAS)", () => {
    expect(rangeValue("marketing_spend", sums, null, 30_000)).toEqual({
      value: 30_000,
      numerator: null,
      denominator: null,
    });
    expect(rangeValue("cac", sums, null, 30_000)).toEqual({ value: 7500, numerator: 30_000, denominator: 4 });
    expect(rangeValue("roas", sums, null, 30_000)).toEqual({
      value: 3,
      numerator: 90_000,
      denominator: 30_000,
    });
  });

  it("gives no value without spend, and no CAC without new customers", () => {
    for (const kpi of ["marketing_spend", "cac", "roas"] as const)
      expect(rangeValue(kpi, sums, null, null)?.value).toBeNull();
    expect(rangeValue("cac", new Map(), null, 30_000)).toEqual({
      value: null,
      numerator: 30_000,
      denominator: 0,
    });
  });
});
