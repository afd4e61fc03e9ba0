/**
 * A zone's local days as day numbers (civil-date.ts): which day an instant falls on, when a day starts.
 * Pure functions that walk days take one, so the KPI engine can pass its memoised calendar.
 */
import { dayNumber, fromDayNumber } from "./civil-date";
import { localDate, startOfLocalDay } from "./zone";

export interface LocalDays {
  dayOf(instant: Date): number;
  startOf(day: number): Date;
}

/** Straight from the time zone database. */
export const zoneDays = (timeZone: string): LocalDays => ({
  dayOf: (instant) => dayNumber(localDate(instant, timeZone)),
  startOf: (day) => startOfLocalDay(fromDayNumber(day), timeZone),
});
