import { describe, expect, it } from "vitest";
import { valueScale } from "~/components/chart-scale";
import { previousPeriod, yearAgoPeriod } from "~/kpi/calendar/compare";
import { cardComparisons } from "~/pages/card-comparisons";
import { kpiChange } from "~/pages/kpi-format";
import { retentionChurnSentence } from "~/pages/retention-churn";
import type { RangePreset } from "~/pages/view-state";
import { DEFAULT_VIEW, resolveRange } from "~/pages/view-state";
import { translatorFor } from "~/i18n/catalog.server";

const en = translatorFor("en");

const NOW = new Date("2026-11-23T15:30:00Z");
const ZONE = "America/New_York";
const periodOf = (range: RangePreset, now = NOW) =>
  resolveRange({ ...DEFAULT_VIEW, range }, ZONE, now).period;

describe("a KPI card's change", () => {
  it("from a zero base says 'up from 0' in the KPI's own direction, never −100 % or ∞", () => {
    expect(kpiChange(7, 0, "count", true, en)).toEqual({
      text: "up from 0",
      direction: "up",
      verdict: "better",
    });
    // A rising count that is bad news (none on the dashboard today, but the rule is the direction's).
    expect(kpiChange(7, 0, "count", false, en)).toEqual({
      text: "up from 0",
      direction: "up",
      verdict: "worse",
    });
    expect(kpiChange(-1200, 0, "money", true, en)).toEqual({
      text: "down from 0",
      direction: "down",
      verdict: "worse",
    });
    expect(kpiChange(0, 0, "count", true, en)).toEqual({ text: "0", direction: "flat", verdict: "flat" });
    // To zero is a real −100 %.
    expect(kpiChange(0, 7, "count", true, en)).toEqual({
      text: "−100%",
      direction: "down",
      verdict: "worse",
    });
    for (const [current, before] of [
      [7, 0],
      [0, 7],
      [3, 0.000001],
    ])
      expect(kpiChange(current!, before!, "count", true, en).text).not.toMatch(/∞|Infinity|NaN/);
  });

  it("a change that rounds to nothing is flat, not a red '−0.0'", () => {
    expect(kpiChange(0.10604, 0.10601, "percent", false, en)).toEqual({
      text: "0",
      direction: "flat",
      verdict: "flat",
    });
    expect(kpiChange(100000, 100001, "money", true, en)).toEqual({
      text: "0",
      direction: "flat",
      verdict: "flat",
    });
    expect(kpiChange(0.107, 0.106, "percent", false, en)).toEqual({
      text: "+0.1 pts",
      direction: "up",
      verdict: "worse",
    });
  });
});

describe("a KPI card's comparisons", () => {
  it("a year's previous period is last year: year to date and last year show the change once", () => {
    for (const range of ["year-to-date", "last-year"] as const) {
      const period = periodOf(range);
      expect(cardComparisons(period, en), range).toEqual([
        { key: "yearAgo", against: "vs last year", name: "Last year" },
      ]);
    }
    // Why: the two comparison periods are the same span.
    const ytd = periodOf("year-to-date");
    expect(previousPeriod(ytd).start).toEqual(yearAgoPeriod(ytd).start);
    expect(previousPeriod(ytd).end).toEqual(yearAgoPeriod(ytd).end);
  });

  it("every other range shows the previous period and last year", () => {
    for (const range of ["today", "last-7-days", "last-30-days", "month-to-date", "last-quarter"] as const)
      expect(
        cardComparisons(periodOf(range), en).map((c) => c.key),
        range,
      ).toEqual(["previous", "yearAgo"]);
  });

  it("a year to date after a leap day still shows one change (the two spans differ by that day)", () => {
    const now = new Date("2028-03-15T15:00:00Z");
    const ytd = periodOf("year-to-date", now);
    expect(previousPeriod(ytd).end).not.toEqual(yearAgoPeriod(ytd).end);
    expect(cardComparisons(ytd, en).map((c) => c.key)).toEqual(["yearAgo"]);
  });

  it("last 365 days: previous and year-ago spans are one and the same outside leap years", () => {
    const period = periodOf("last-365-days");
    expect(previousPeriod(period).start).toEqual(yearAgoPeriod(period).start);
    expect(cardComparisons(period, en).map((c) => c.key)).toEqual(["yearAgo"]);
  });
});

describe("retention and churn explain each other", () => {
  // S = 1,000 active at the start, R = 894 still active (churn 10.6 %), 75 came back (retention 96.9 %).
  const facts = { activeAtStart: 1000, retained: 894, reactivated: 75 };

  it("on the churn card: the same base, and the customers who came back make the sum pass 100 %", () => {
    expect(retentionChurnSentence("churn_rate", facts, en)).toBe(
      "10.6% of the 1,000 customers active at the start were no longer active at the end, so 89.4% stayed. " +
        "Retention (96.9%) has the same base and also counts the 75 customers who came back (7.5%), " +
        "which is why the two add up to 107.5%, not 100%.",
    );
  });

  it("on the retention card", () => {
    expect(retentionChurnSentence("retention_rate", facts, en)).toBe(
      "89.4% of the 1,000 customers active at the start are still active, and 75 customers who had lapsed " +
        "came back (7.5% of that base). Churn counts the other 10.6%, who are no longer active, which is why " +
        "the two add up to 107.5%, not 100%.",
    );
  });

  it("with nobody back the two add up to 100 %; with nobody active at the start there is no sentence", () => {
    expect(retentionChurnSentence("churn_rate", { ...facts, reactivated: 0 }, en)).toContain(
      "so the two add up to 100%",
    );
    expect(
      retentionChurnSentence("churn_rate", { activeAtStart: 0, retained: 0, reactivated: 0 }, en),
    ).toBeNull();
    expect(retentionChurnSentence("retention_rate", { ...facts, retained: null }, en)).toBeNull();
  });
});

describe("a card chart's value axis", () => {
  it("covers the values with a few round ticks, from 0 for values well above it", () => {
    expect(valueScale([120, 480, 900])).toEqual({ min: 0, max: 1000, ticks: [0, 500, 1000] });
    const churn = valueScale([0.002, 0.007])!;
    expect(churn.min).toBe(0);
    expect(churn.max).toBeGreaterThanOrEqual(0.007);
    const retention = valueScale([0.992, 0.998])!;
    expect(retention.min).toBeGreaterThan(0.9);
    expect(retention.ticks.length).toBeGreaterThanOrEqual(2);
    expect(retention.ticks.length).toBeLessThanOrEqual(6);
    expect(valueScale([5, 5])!.ticks.length).toBeGreaterThanOrEqual(2);
    expect(valueScale([0, 0])!.ticks).toContain(0);
    expect(valueScale([])).toBeNull();
  });
});
