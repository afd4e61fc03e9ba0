import { describe, expect, it } from "vitest";
import {
  addMonths,
  dayNumber,
  fromDayNumber,
  isoWeekday,
  isoWeekMonday,
  isoWeekOf,
  isoWeeksInYear,
  isValidCivilDate,
} from "~/kpi/calendar/civil-date";

describe("civil dates", () => {
  it("counts days from 1970-01-01", () => {
    expect(dayNumber({ year: 1970, month: 1, day: 2 })).toBe(1);
    // 2000-03-01: 30 years (7 leap days: 72,76,…,96) = 30·365 + 7 = 10957, + Jan 31 + Feb 29 = 11017
    expect(dayNumber({ year: 2000, month: 3, day: 1 })).toBe(11017);
    expect(fromDayNumber(11017)).toEqual({ year: 2000, month: 3, day: 1 });
  });

  it("knows ISO weekdays (Monday = 1)", () => {
    expect(isoWeekday({ year: 2024, month: 3, day: 11 })).toBe(1); // a Monday
    expect(isoWeekday({ year: 2024, month: 3, day: 17 })).toBe(7); // a Sunday
  });

  it("numbers ISO weeks, including week 53 and weeks that cross the year", () => {
    expect(isoWeekOf({ year: 2021, month: 1, day: 3 })).toEqual({ isoYear: 2020, week: 53 });
    expect(isoWeekOf({ year: 2024, month: 12, day: 30 })).toEqual({ isoYear: 2025, week: 1 });
    expect(isoWeeksInYear(2020)).toBe(53); // 2020 began on a Wednesday and was leap
    expect(isoWeeksInYear(2021)).toBe(52);
    expect(isoWeekMonday(2020, 53)).toEqual({ year: 2020, month: 12, day: 28 });
    expect(isoWeekMonday(2025, 1)).toEqual({ year: 2024, month: 12, day: 30 });
  });

  it("clamps month arithmetic to the month's length", () => {
    expect(addMonths({ year: 2024, month: 3, day: 31 }, -1)).toEqual({ year: 2024, month: 2, day: 29 });
    expect(addMonths({ year: 2024, month: 2, day: 29 }, -12)).toEqual({ year: 2023, month: 2, day: 28 });
    expect(addMonths({ year: 2024, month: 1, day: 15 }, -3)).toEqual({ year: 2023, month: 10, day: 15 });
  });

  it("validates dates", () => {
    expect(isValidCivilDate(2024, 2, 29)).toBe(true);
    expect(isValidCivilDate(2023, 2, 29)).toBe(false);
    expect(isValidCivilDate(2024, 13, 1)).toBe(false);
  });
});
