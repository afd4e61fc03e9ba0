import { describe, expect, it } from "vitest";
import { parsePeriod } from "~/kpi/calendar/parse-period";
import { customerAcquisitionCost, marketingSpendMinor, returnOnAdSpend } from "~/kpi/marketing";
import { memoisedDays } from "~/kpi-engine/spans";
import { at } from "./support/builders";

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
