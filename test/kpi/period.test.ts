import { describe, expect, it } from "vitest";
import { previousPeriod, yearAgoPeriod } from "~/kpi/calendar/compare";
import { parsePeriod } from "~/kpi/calendar/parse-period";
import type { Period } from "~/kpi/calendar/period";
import { isPartial, lastNDays, periodContaining } from "~/kpi/calendar/period";
import { at, iso } from "./support/builders";

const WAW = "Europe/Warsaw";
const LA = "America/Los_Angeles";
const HOUR = 3_600_000;
const hours = (p: Period) => (p.end.getTime() - p.start.getTime()) / HOUR;
const span = (p: Period) => [p.label, iso(p.start), iso(p.end)];
/** A "now" long after every period used below, so none is in progress. */
const LATER = at("2030-01-01T00:00:00Z");

describe("calendar periods in the shop's zone", () => {
  it("finds the day, ISO week, month, quarter and year containing an instant", () => {
    const t = at("2024-03-15T06:30:00Z"); // Thursday 14 Mar 23:30 PDT in Los Angeles
    expect(span(periodContaining("day", t, LA, LATER))).toEqual([
      "2024-03-14",
      "2024-03-14T07:00:00.000Z",
      "2024-03-15T07:00:00.000Z",
    ]);
    // Monday 11 Mar 00:00 PDT = 07:00Z … Monday 18 Mar 07:00Z
    expect(span(periodContaining("week", t, LA, LATER))).toEqual([
      "2024-W11",
      "2024-03-11T07:00:00.000Z",
      "2024-03-18T07:00:00.000Z",
    ]);
    // 1 Mar 00:00 PST = 08:00Z … 1 Apr 00:00 PDT = 07:00Z
    expect(span(periodContaining("month", t, LA, LATER))).toEqual([
      "2024-03",
      "2024-03-01T08:00:00.000Z",
      "2024-04-01T07:00:00.000Z",
    ]);
    expect(span(periodContaining("quarter", t, LA, LATER))).toEqual([
      "2024-Q1",
      "2024-01-01T08:00:00.000Z",
      "2024-04-01T07:00:00.000Z",
    ]);
    expect(span(periodContaining("year", t, LA, LATER))).toEqual([
      "2024",
      "2024-01-01T08:00:00.000Z",
      "2025-01-01T08:00:00.000Z",
    ]);
  });

  it("gives a week with a DST change 167 or 169 hours", () => {
    // Warsaw W13 2024 (25–31 Mar) loses an hour on Sunday 31 Mar
    const spring = periodContaining("week", at("2024-03-27T12:00:00Z"), WAW, LATER);
    expect(span(spring)).toEqual(["2024-W13", "2024-03-24T23:00:00.000Z", "2024-03-31T22:00:00.000Z"]);
    expect(hours(spring)).toBe(167); // 7 × 24 − 1
    // Los Angeles W44 2024 (28 Oct – 3 Nov) gains an hour on Sunday 3 Nov
    const autumn = parsePeriod("2024-W44", LA, LATER);
    expect(span(autumn)).toEqual(["2024-W44", "2024-10-28T07:00:00.000Z", "2024-11-04T08:00:00.000Z"]);
    expect(hours(autumn)).toBe(169); // 7 × 24 + 1
    expect(autumn.days).toBe(7);
  });

  it("makes last-N-days the N complete local days before today", () => {
    const now = at("2024-03-15T13:30:00Z"); // Friday 15 Mar 14:30 CET
    const p = lastNDays(7, now, WAW);
    // 8–14 Mar: 8 Mar 00:00 CET = 7 Mar 23:00Z … 15 Mar 00:00 CET = 14 Mar 23:00Z (today left out)
    expect(span(p)).toEqual(["last-7-days", "2024-03-07T23:00:00.000Z", "2024-03-14T23:00:00.000Z"]);
    expect(isPartial(p)).toBe(false);
    // at local midnight exactly, the window ends at now
    expect(span(lastNDays(7, at("2024-03-14T23:00:00Z"), WAW))).toEqual(span(p));
  });
});

describe("parsePeriod", () => {
  it("reads every supported form", () => {
    expect(span(parsePeriod("2024-03-10", WAW, LATER))).toEqual([
      "2024-03-10",
      "2024-03-09T23:00:00.000Z",
      "2024-03-10T23:00:00.000Z",
    ]);
    // ISO week 53 of 2020 runs Mon 28 Dec 2020 – Sun 3 Jan 2021
    expect(span(parsePeriod("2020-W53", WAW, LATER))).toEqual([
      "2020-W53",
      "2020-12-27T23:00:00.000Z",
      "2021-01-03T23:00:00.000Z",
    ]);
    expect(span(parsePeriod("2024-02", WAW, LATER))).toEqual([
      "2024-02",
      "2024-01-31T23:00:00.000Z",
      "2024-02-29T23:00:00.000Z",
    ]);
    // Q2 starts in CEST (+2) and ends in CEST: 31 Mar 22:00Z … 30 Jun 22:00Z
    expect(span(parsePeriod("2024-Q2", WAW, LATER))).toEqual([
      "2024-Q2",
      "2024-03-31T22:00:00.000Z",
      "2024-06-30T22:00:00.000Z",
    ]);
    expect(span(parsePeriod("2023", WAW, LATER))).toEqual([
      "2023",
      "2022-12-31T23:00:00.000Z",
      "2023-12-31T23:00:00.000Z",
    ]);
    expect(parsePeriod("2024", WAW, LATER).days).toBe(366);
    expect(parsePeriod("last-30-days", WAW, at("2024-03-15T13:30:00Z")).days).toBe(30);
  });

  it("rejects malformed and impossible periods", () => {
    for (const bad of [
      "2024-13",
      "2023-02-29",
      "2021-W53",
      "2024-W00",
      "2024-Q5",
      "last-0-days",
      "last-99999-days",
      "March",
      "2024-3",
    ]) {
      expect(() => parsePeriod(bad, WAW, LATER), bad).toThrow(RangeError);
    }
    expect(() => parsePeriod("2024", "Not/AZone", LATER)).toThrow(RangeError);
  });

  it("cuts a period in progress at now, and leaves a future period empty", () => {
    const now = at("2024-03-15T13:30:00Z");
    const march = parsePeriod("2024-03", WAW, now);
    expect(span(march)).toEqual(["2024-03", "2024-02-29T23:00:00.000Z", "2024-03-15T13:30:00.000Z"]);
    expect(isPartial(march)).toBe(true);
    expect(iso(march.unitEnd)).toBe("2024-03-31T22:00:00.000Z");
    const future = parsePeriod("2024-05", WAW, now);
    expect(future.end.getTime()).toBe(future.start.getTime());
  });
});

describe("comparison periods", () => {
  it("takes the previous calendar unit or the N days before", () => {
    const prev = (label: string) => span(previousPeriod(parsePeriod(label, WAW, LATER)));
    expect(prev("2024-03-01")).toEqual([
      "2024-02-29",
      "2024-02-28T23:00:00.000Z",
      "2024-02-29T23:00:00.000Z",
    ]);
    expect(prev("2024-W01")).toEqual(["2023-W52", "2023-12-24T23:00:00.000Z", "2023-12-31T23:00:00.000Z"]);
    expect(prev("2024-03")).toEqual(["2024-02", "2024-01-31T23:00:00.000Z", "2024-02-29T23:00:00.000Z"]);
    expect(prev("2024-Q1")).toEqual(["2023-Q4", "2023-09-30T22:00:00.000Z", "2023-12-31T23:00:00.000Z"]);
    expect(prev("2024")).toEqual(["2023", "2022-12-31T23:00:00.000Z", "2023-12-31T23:00:00.000Z"]);
    // last-7-days on 15 Mar = 8–14 Mar; the 7 days before are 1–7 Mar
    const last7 = parsePeriod("last-7-days", WAW, at("2024-03-15T13:30:00Z"));
    expect(span(previousPeriod(last7))).toEqual([
      "2024-03-01..2024-03-07",
      "2024-02-29T23:00:00.000Z",
      "2024-03-07T23:00:00.000Z",
    ]);
  });

  it("takes the same period a year earlier", () => {
    const ago = (label: string) => span(yearAgoPeriod(parsePeriod(label, WAW, LATER)));
    expect(ago("2024-02-29")).toEqual(["2023-02-28", "2023-02-27T23:00:00.000Z", "2023-02-28T23:00:00.000Z"]);
    expect(ago("2024-W11")).toEqual(["2023-W11", "2023-03-12T23:00:00.000Z", "2023-03-19T23:00:00.000Z"]);
    // week 53 of 2020 → 2019 has 52 weeks → 2019-W52 = Mon 23 – Sun 29 Dec 2019
    expect(ago("2020-W53")).toEqual(["2019-W52", "2019-12-22T23:00:00.000Z", "2019-12-29T23:00:00.000Z"]);
    expect(ago("2024-03")).toEqual(["2023-03", "2023-02-28T23:00:00.000Z", "2023-03-31T22:00:00.000Z"]);
    expect(ago("2024-Q1")).toEqual(["2023-Q1", "2022-12-31T23:00:00.000Z", "2023-03-31T22:00:00.000Z"]);
    const last7 = parsePeriod("last-7-days", WAW, at("2024-03-15T13:30:00Z")); // 8–14 Mar 2024
    expect(span(yearAgoPeriod(last7))).toEqual([
      "2023-03-08..2023-03-14",
      "2023-03-07T23:00:00.000Z",
      "2023-03-14T23:00:00.000Z",
    ]);
  });

  it("compares a period in progress with the same elapsed span", () => {
    const now = at("2024-03-15T13:30:00Z"); // Friday 15 Mar 14:30 CET
    const march = parsePeriod("2024-03", WAW, now);
    // month to 15th 14:30 ↔ February to 15th 14:30 CET, March 2023 to 15th 14:30 CET
    expect(span(previousPeriod(march))).toEqual([
      "2024-02",
      "2024-01-31T23:00:00.000Z",
      "2024-02-15T13:30:00.000Z",
    ]);
    expect(span(yearAgoPeriod(march))).toEqual([
      "2023-03",
      "2023-02-28T23:00:00.000Z",
      "2023-03-15T13:30:00.000Z",
    ]);
    expect(isPartial(previousPeriod(march))).toBe(true);
    // day in progress ↔ yesterday until the same time
    expect(span(previousPeriod(parsePeriod("2024-03-15", WAW, now)))).toEqual([
      "2024-03-14",
      "2024-03-13T23:00:00.000Z",
      "2024-03-14T13:30:00.000Z",
    ]);
    // week in progress (Mon 11 – Fri 15, 14:30) ↔ Mon 4 – Fri 8 Mar 14:30 CET
    expect(span(previousPeriod(parsePeriod("2024-W11", WAW, now)))).toEqual([
      "2024-W10",
      "2024-03-03T23:00:00.000Z",
      "2024-03-08T13:30:00.000Z",
    ]);
    // year to date: 74 elapsed days (Jan 31 + Feb 29 + 14) + 14:30 → 2023 from 1 Jan + 74 days = 16 Mar;
    // the year-ago comparison instead stops on the same date, 15 Mar 2023
    const year = parsePeriod("2024", WAW, now);
    expect(span(previousPeriod(year))).toEqual([
      "2023",
      "2022-12-31T23:00:00.000Z",
      "2023-03-16T13:30:00.000Z",
    ]);
    expect(span(yearAgoPeriod(year))).toEqual([
      "2023",
      "2022-12-31T23:00:00.000Z",
      "2023-03-15T13:30:00.000Z",
    ]);
  });

  it("measures the elapsed span in local time across a DST change", () => {
    // W13 2024 up to Sunday 31 Mar 12:00 CEST (10:00Z, after the change) ↔ W12 up to Sunday 24 Mar
    // 12:00 CET = 11:00Z. Counting 24-hour steps would wrongly give 10:00Z.
    const week = parsePeriod("2024-W13", WAW, at("2024-03-31T10:00:00Z"));
    expect(span(previousPeriod(week))).toEqual([
      "2024-W12",
      "2024-03-17T23:00:00.000Z",
      "2024-03-24T11:00:00.000Z",
    ]);
  });
});
