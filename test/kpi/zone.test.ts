import { describe, expect, it } from "vitest";
import { addLocalDays, localDateKey, startOfLocalDay, toLocal, utcOffsetMs } from "~/kpi/calendar/zone";
import { at, iso } from "./support/builders";

const HOUR = 3_600_000;
const day = (year: number, month: number, d: number) => ({ year, month, day: d });
const dayLengthHours = (tz: string, year: number, month: number, d: number) =>
  (startOfLocalDay(day(year, month, d + 1), tz).getTime() -
    startOfLocalDay(day(year, month, d), tz).getTime()) /
  HOUR;

describe("local dates", () => {
  it("puts 23:30 local time on the local day, not the UTC day", () => {
    // 2024-03-15T06:30Z is 23:30 PDT (UTC−7) on the 14th in Los Angeles
    expect(localDateKey(at("2024-03-15T06:30:00Z"), "America/Los_Angeles")).toBe("2024-03-14");
    // 2024-01-15T23:30Z is 00:30 CET (UTC+1) on the 16th in Warsaw
    expect(localDateKey(at("2024-01-15T23:30:00Z"), "Europe/Warsaw")).toBe("2024-01-16");
    expect(localDateKey(at("2024-01-15T23:30:00Z"), "UTC")).toBe("2024-01-15");
  });

  it("reads wall-clock time and offsets, half-hour ones included", () => {
    expect(toLocal(at("2024-03-15T06:30:00.250Z"), "America/Los_Angeles")).toEqual({
      year: 2024,
      month: 3,
      day: 14,
      hour: 23,
      minute: 30,
      second: 0,
      millisecond: 250,
    });
    expect(utcOffsetMs(at("2023-07-01T00:00:00Z"), "Australia/Lord_Howe")).toBe(10.5 * HOUR); // winter +10:30
    expect(utcOffsetMs(at("2024-01-01T00:00:00Z"), "Australia/Lord_Howe")).toBe(11 * HOUR); // summer +11
  });

  it("rejects unknown zones", () => {
    expect(() => localDateKey(at("2024-01-01T00:00:00Z"), "Mars/Olympus")).toThrow(RangeError);
  });
});

describe("start of a local day", () => {
  it("is local midnight in zones with ordinary DST", () => {
    // Los Angeles: 10 Mar 2024 starts in PST (−8) → 08:00Z; 11 Mar in PDT (−7) → 07:00Z
    expect(iso(startOfLocalDay(day(2024, 3, 10), "America/Los_Angeles"))).toBe("2024-03-10T08:00:00.000Z");
    expect(iso(startOfLocalDay(day(2024, 3, 11), "America/Los_Angeles"))).toBe("2024-03-11T07:00:00.000Z");
    // Warsaw: 31 Mar 2024 starts in CET (+1) → 30 Mar 23:00Z
    expect(iso(startOfLocalDay(day(2024, 3, 31), "Europe/Warsaw"))).toBe("2024-03-30T23:00:00.000Z");
    // Tokyo has no DST: +9 → 15:00Z the day before
    expect(iso(startOfLocalDay(day(2024, 3, 31), "Asia/Tokyo"))).toBe("2024-03-30T15:00:00.000Z");
  });

  it("gives DST days 23 or 25 hours, and Lord Howe's half-hour shift 23.5", () => {
    expect(dayLengthHours("America/Los_Angeles", 2024, 3, 10)).toBe(23); // spring forward
    expect(dayLengthHours("America/Los_Angeles", 2024, 11, 3)).toBe(25); // fall back
    expect(dayLengthHours("Europe/Warsaw", 2024, 3, 31)).toBe(23);
    expect(dayLengthHours("Europe/Warsaw", 2024, 10, 27)).toBe(25);
    expect(dayLengthHours("Asia/Tokyo", 2024, 3, 31)).toBe(24);
    // Lord Howe goes from +10:30 to +11 at 02:00 on 1 Oct 2023: 00:00 +10:30 = 30 Sep 13:30Z,
    // next midnight 00:00 +11 = 1 Oct 13:00Z → 23.5 h
    expect(iso(startOfLocalDay(day(2023, 10, 1), "Australia/Lord_Howe"))).toBe("2023-09-30T13:30:00.000Z");
    expect(dayLengthHours("Australia/Lord_Howe", 2023, 10, 1)).toBe(23.5);
  });

  it("is the first existing instant when the clocks skip midnight", () => {
    // Santiago, 11 Sep 2022: 00:00 −04 jumps to 01:00 −03, i.e. 04:00Z
    expect(iso(startOfLocalDay(day(2022, 9, 11), "America/Santiago"))).toBe("2022-09-11T04:00:00.000Z");
    expect(dayLengthHours("America/Santiago", 2022, 9, 10)).toBe(24); // 10 Sep 04:00Z → 11 Sep 04:00Z
    expect(dayLengthHours("America/Santiago", 2022, 9, 11)).toBe(23); // 01:00 −03 → 24:00 −03
    // Beirut, 28 Mar 2021: 00:00 +02 jumps to 01:00 +03 = 27 Mar 22:00Z
    expect(iso(startOfLocalDay(day(2021, 3, 28), "Asia/Beirut"))).toBe("2021-03-27T22:00:00.000Z");
    // Havana, 12 Mar 2023: 00:00 −05 jumps to 01:00 −04 = 05:00Z
    expect(iso(startOfLocalDay(day(2023, 3, 12), "America/Havana"))).toBe("2023-03-12T05:00:00.000Z");
  });

  it("takes the single midnight when the clocks fall back just before it", () => {
    // Santiago, 2 Apr 2022: 24:00 −03 goes back to 23:00 −04, so 3 Apr begins at 00:00 −04 = 04:00Z
    expect(iso(startOfLocalDay(day(2022, 4, 3), "America/Santiago"))).toBe("2022-04-03T04:00:00.000Z");
    expect(dayLengthHours("America/Santiago", 2022, 4, 2)).toBe(25);
  });

  it("leaves a day the zone skipped entirely empty (Samoa, 30 Dec 2011)", () => {
    expect(dayLengthHours("Pacific/Apia", 2011, 12, 30)).toBe(0);
  });
});

describe("addLocalDays", () => {
  it("moves day boundaries to day boundaries across DST", () => {
    // start of 31 Mar (30 Mar 23:00Z) + 1 day = start of 1 Apr (31 Mar 22:00Z): 23 h, not 24
    expect(iso(addLocalDays(at("2024-03-30T23:00:00Z"), 1, "Europe/Warsaw"))).toBe(
      "2024-03-31T22:00:00.000Z",
    );
    // 180 days back from 1 Apr 2024 00:00 CEST is 4 Oct 2023 00:00 CEST = 3 Oct 22:00Z
    // (4 Oct → 1 Nov 28 days, + Nov 30 + Dec 31 + Jan 31 + Feb 29 + Mar 31 = 180), across two DST changes
    expect(iso(addLocalDays(at("2024-03-31T22:00:00Z"), -180, "Europe/Warsaw"))).toBe(
      "2023-10-03T22:00:00.000Z",
    );
  });

  it("keeps the wall-clock time of other instants", () => {
    // 30 Mar 12:00 CET (11:00Z) + 1 day = 31 Mar 12:00 CEST (10:00Z)
    expect(iso(addLocalDays(at("2024-03-30T11:00:00Z"), 1, "Europe/Warsaw"))).toBe(
      "2024-03-31T10:00:00.000Z",
    );
    // 9 Mar 02:30 PST (10:30Z) + 1 day: 02:30 does not exist on 10 Mar → 03:30 PDT = 10:30Z
    expect(iso(addLocalDays(at("2024-03-09T10:30:00Z"), 1, "America/Los_Angeles"))).toBe(
      "2024-03-10T10:30:00.000Z",
    );
    // 2 Nov 01:30 PDT (08:30Z) + 1 day: 01:30 happens twice on 3 Nov → the earlier (PDT) = 08:30Z
    expect(iso(addLocalDays(at("2024-11-02T08:30:00Z"), 1, "America/Los_Angeles"))).toBe(
      "2024-11-03T08:30:00.000Z",
    );
  });

  it("steps from a skipped midnight to the next day's start", () => {
    // 11 Sep 2022 Santiago begins 04:00Z (01:00 −03); the next day begins 12 Sep 00:00 −03 = 03:00Z
    expect(iso(addLocalDays(at("2022-09-11T04:00:00Z"), 1, "America/Santiago"))).toBe(
      "2022-09-12T03:00:00.000Z",
    );
    expect(iso(addLocalDays(at("2022-09-12T03:00:00Z"), -1, "America/Santiago"))).toBe(
      "2022-09-11T04:00:00.000Z",
    );
  });
});
