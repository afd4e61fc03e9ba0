import { describe, expect, it } from "vitest";
import { previousPeriod, yearAgoPeriod } from "~/kpi/calendar/compare";
import { parsePeriod } from "~/kpi/calendar/parse-period";
import type { Period } from "~/kpi/calendar/period";
import { lastNDays } from "~/kpi/calendar/period";
import type { TrendComparison, TrendUnit } from "~/kpi/calendar/trend-units";
import { alignTrend, trendUnits } from "~/kpi/calendar/trend-units";
import type { SeriesPoint } from "~/pages/snapshot-series.server";
import { trendRows } from "~/pages/kpi-detail.server";
import { alignedUnits, chartRows } from "~/pages/trend-alignment";
import { translatorFor } from "~/i18n/catalog.server";

const en = translatorFor("en");

// Units are named in the reader's language: the two must agree in any of them.
const pl = translatorFor("pl");

const ZONE = "America/New_York";
const KPI = "orders" as const;

const comparedWith = (period: Period, unit: TrendUnit, compare: TrendComparison) =>
  alignTrend(period, compare === "year" ? yearAgoPeriod(period) : previousPeriod(period), unit, compare).map(
    ({ unit: u, comparison }) => [u.label, comparison?.label ?? null],
  );

/** Snapshot points for the given labels, each holding its label's position as the KPI's value. */
const pointsFor = (labels: readonly string[], valueOf: (label: string) => number): SeriesPoint[] =>
  labels.map((label) => ({
    label,
    partial: false,
    values: new Map([[KPI, { value: valueOf(label), numerator: null, denominator: null }]]),
  }));

const months = (from: string, count: number) =>
  Array.from({ length: count }, (_, i) => {
    const [y, m] = from.split("-").map(Number) as [number, number];
    const index = y * 12 + m - 1 + i;
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
  });

describe("trend units come from the calendar and pair by date", () => {
  it("a year to date against last year pairs each month with the same month a year earlier", () => {
    const now = new Date("2026-11-20T15:00:00Z");
    const ytd = parsePeriod("2026", ZONE, now);
    expect(comparedWith(ytd, "month", "year")).toEqual(
      months("2026-01", 11).map((label, i) => [label, months("2025-01", 11)[i]]),
    );
  });

  it("a store with 8 months of history: early months are gaps, never shifted onto later data", () => {
    const now = new Date("2026-11-20T15:00:00Z");
    const ytd = parsePeriod("2026", ZONE, now);
    const aligned = alignTrend(ytd, yearAgoPeriod(ytd), "month", "year");
    // History from April 2026 only; a year earlier nothing at all, then a second store with data
    // from June 2025, the case where matching by position paired January 2026 with June 2025.
    const current = pointsFor(months("2026-04", 8), (label) => Number(label.slice(5)));
    const noneAYearAgo = trendRows(aligned, current, [], KPI, undefined, en);
    expect(noneAYearAgo.map((row) => [row.label, row.value, row.comparison])).toEqual([
      ["Jan 2026", null, null],
      ["Feb 2026", null, null],
      ["Mar 2026", null, null],
      ...months("2026-04", 8).map((label) => [expect.stringContaining("2026"), Number(label.slice(5)), null]),
    ]);
    const fromJune = pointsFor(months("2025-06", 7), (label) => 100 + Number(label.slice(5)));
    const rows = trendRows(aligned, current, fromJune, KPI, undefined, en);
    for (const row of rows) {
      const month = row.label.slice(0, 3);
      expect(row.comparisonLabel).toBe(`${month} 2025`);
      const monthNumber = new Date(`${month} 1, 2025`).getMonth() + 1;
      expect(row.comparison).toBe(monthNumber >= 6 ? 100 + monthNumber : null);
    }
  });

  it("a 60-day import: the last 90 days by week pair week n with week n of the 90 days before", () => {
    const now = new Date("2026-11-20T15:00:00Z");
    const last90 = lastNDays(90, now, ZONE);
    const pairs = comparedWith(last90, "week", "previous");
    const units = trendUnits(last90, "week").map((u) => u.label);
    const before = trendUnits(previousPeriod(last90), "week").map((u) => u.label);
    expect(pairs.map(([label]) => label)).toEqual(units);
    expect(pairs.map(([, other]) => other)).toEqual(units.map((_, i) => before[i] ?? null));
    // Only the last 60 days have data: the comparison side is empty and the current side starts late.
    const imported = units.slice(-9);
    const rows = trendRows(
      alignTrend(last90, previousPeriod(last90), "week", "previous"),
      pointsFor(imported, () => 1),
      [],
      KPI,
      undefined,
      translatorFor("en"),
    );
    expect(rows.map((row) => row.value)).toEqual(units.map((label) => (imported.includes(label) ? 1 : null)));
    expect(rows.every((row) => row.comparison === null && row.comparisonLabel !== null)).toBe(true);
  });

  it("29 February has no day a year earlier: a gap, and 28 February is paired once", () => {
    const now = new Date("2028-03-10T15:00:00Z");
    const span = parsePeriod("2028-02", ZONE, now);
    const pairs = comparedWith(span, "day", "year");
    expect(pairs.at(-2)).toEqual(["2028-02-28", "2027-02-28"]);
    expect(pairs.at(-1)).toEqual(["2028-02-29", null]);
    expect(pairs.filter(([, other]) => other === "2027-02-28")).toHaveLength(1);
    // Against the previous month (January, 31 days), the 29th of February meets the 29th of January.
    expect(comparedWith(span, "day", "previous").at(-1)).toEqual(["2028-02-29", "2028-01-29"]);
  });

  it("ISO week 53 has no week a year earlier in a 52-week year", () => {
    const now = new Date("2027-02-01T15:00:00Z");
    const january = parsePeriod("2027-01", ZONE, now);
    const pairs = comparedWith(january, "week", "year");
    // 1 January 2027 is a Friday in ISO week 2026-W53; 2025 has 52 ISO weeks.
    expect(pairs[0]).toEqual(["2026-W53", null]);
    expect(pairs[1]).toEqual(["2027-W01", "2026-W01"]);
    const lastWeeks = parsePeriod("2026-12", ZONE, now);
    expect(comparedWith(lastWeeks, "week", "year").at(-1)).toEqual(["2026-W53", null]);
    // A 53-week year compared with the one before: week 52 still meets week 52.
    expect(comparedWith(lastWeeks, "week", "year").at(-2)).toEqual(["2026-W52", "2025-W52"]);
  });

  it("an empty period (not started yet) has no units", () => {
    const now = new Date("2026-11-20T15:00:00Z");
    const future = parsePeriod("2026-11", ZONE, new Date("2026-10-01T00:00:00Z"));
    expect(trendUnits(future, "day")).toEqual([]);
    expect(trendUnits(parsePeriod("2026-11", ZONE, now), "day")).toHaveLength(20);
  });
});

describe("a dashboard's card charts", () => {
  it("chartRows gives, for every KPI at once, trendRows' labels and values (gaps, partial units, comparisons)", () => {
    const now = new Date("2026-11-20T15:00:00Z");
    const kpis = ["orders", "total_sales", "churn_rate"] as const;
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    // Each KPI has a value in most units, none in some, and a few units have no snapshot at all.
    const series = (labels: readonly string[]): SeriesPoint[] =>
      labels
        .filter(() => random() > 0.1)
        .map((label, i, kept) => ({
          label,
          partial: i === kept.length - 1,
          values: new Map(
            kpis.flatMap((kpi) =>
              random() > 0.2
                ? [[kpi, { value: random() * 100, numerator: null, denominator: null }] as const]
                : [],
            ),
          ),
        }));
    for (const [text, unit] of [
      ["2026", "day"],
      ["2026", "month"],
      ["2026-Q3", "week"],
      ["2024-02", "day"],
    ] as const)
      for (const compare of ["previous", "year", "none"] as const) {
        const period = parsePeriod(text, ZONE, now);
        const aligned = alignedUnits(period, unit, compare);
        const current = series(aligned.map((pair) => pair.unit.label));
        const compared = series(aligned.flatMap((pair) => (pair.comparison ? [pair.comparison.label] : [])));
        const rows = chartRows(aligned, current, compared, kpis, pl);
        expect([...rows.keys()]).toEqual(kpis);
        for (const kpi of kpis)
          expect(rows.get(kpi), `${text} by ${unit} vs ${compare}, ${kpi}`).toEqual(
            trendRows(aligned, current, compared, kpi, undefined, pl).map((row) => ({
              label: row.label,
              tick: row.tick,
              value: row.value,
              comparisonLabel: row.comparisonLabel,
              comparison: row.comparison,
            })),
          );
        if (compare !== "none")
          expect(rows.get("orders")!.some((row) => row.comparison !== null && row.value !== null)).toBe(true);
      }
  });
});
