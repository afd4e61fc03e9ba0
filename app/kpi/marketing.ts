/**
 * Marketing-spend KPIs. Spend is given per local month; a period that covers part of a month gets
 * that month's spend pro rata by local days (a partial day by its elapsed share), so a full month
 * gets exactly its spend.
 */
import { daysInMonth, formatCivilMonth, fromDayNumber } from "~/kpi/calendar/civil-date";
import type { LocalDays } from "~/kpi/calendar/local-days";
import { zoneDays } from "~/kpi/calendar/local-days";
import { ratio } from "./ratio";
import type { TimeRange } from "./time-range";
import type { Ratio } from "./types";

/** Spend attributed to the range, or null when spend is not given for every month it touches. */
export function marketingSpendMinor(
  range: TimeRange,
  spendByMonth: Readonly<Record<string, number>> | null,
  timeZone: string,
  days: LocalDays = zoneDays(timeZone),
): number | null {
  if (spendByMonth === null) return null;
  const start = range.start.getTime();
  const end = range.end.getTime();
  if (end <= start) return 0;
  const coveredDaysByMonth = new Map<string, { covered: number; length: number }>();
  let day = days.dayOf(range.start);
  let dayStart = days.startOf(day).getTime();
  while (dayStart < end) {
    const nextStart = days.startOf(day + 1).getTime();
    const overlap = Math.min(nextStart, end) - Math.max(dayStart, start);
    if (nextStart > dayStart && overlap > 0) {
      const { year, month } = fromDayNumber(day);
      const key = formatCivilMonth(year, month);
      const entry = coveredDaysByMonth.get(key) ?? { covered: 0, length: daysInMonth(year, month) };
      entry.covered += overlap === nextStart - dayStart ? 1 : overlap / (nextStart - dayStart);
      coveredDaysByMonth.set(key, entry);
    }
    day += 1;
    dayStart = nextStart;
  }
  let total = 0;
  for (const [month, { covered, length }] of coveredDaysByMonth) {
    const spend = spendByMonth[month];
    if (spend === undefined) return null;
    total += covered === length ? spend : (spend * covered) / length;
  }
  return total;
}

/** CAC = spend ÷ new customers; null when spend is not given. */
export function customerAcquisitionCost(spendMinor: number | null, newCustomers: number): Ratio | null {
  return spendMinor === null ? null : ratio(spendMinor, newCustomers);
}

/** ROAS = net sales ÷ spend; null when spend is not given. */
export function returnOnAdSpend(netSalesMinor: number, spendMinor: number | null): Ratio | null {
  return spendMinor === null ? null : ratio(netSalesMinor, spendMinor);
}
