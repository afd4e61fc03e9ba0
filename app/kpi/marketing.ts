/**
 * Marketing-spend KPIs. Spend is given per local month; a period that covers part of a month gets
 * that month's spend pro rata by local days (a partial day by its elapsed share), so a full month
 * gets exactly its spend.
 */
import { addDays, daysInMonth, formatCivilMonth } from "./calendar/civil-date";
import type { CivilDate } from "./calendar/civil-date";
import { localDate, startOfLocalDay } from "./calendar/zone";
import { ratio } from "./ratio";
import type { TimeRange } from "./time-range";
import type { Ratio } from "./types";

/** Spend attributed to the range, or null when spend is not given for every month it touches. */
export function marketingSpendMinor(
  range: TimeRange,
  spendByMonth: Readonly<Record<string, number>> | null,
  timeZone: string,
): number | null {
  if (spendByMonth === null) return null;
  if (range.end.getTime() <= range.start.getTime()) return 0;
  const coveredDaysByMonth = new Map<string, { covered: number; length: number }>();
  let day: CivilDate = localDate(range.start, timeZone);
  let dayStart = startOfLocalDay(day, timeZone).getTime();
  while (dayStart < range.end.getTime()) {
    const next = addDays(day, 1);
    const nextStart = startOfLocalDay(next, timeZone).getTime();
    const overlap = Math.min(nextStart, range.end.getTime()) - Math.max(dayStart, range.start.getTime());
    if (nextStart > dayStart && overlap > 0) {
      const month = formatCivilMonth(day.year, day.month);
      const entry = coveredDaysByMonth.get(month) ?? { covered: 0, length: daysInMonth(day.year, day.month) };
      entry.covered += overlap === nextStart - dayStart ? 1 : overlap / (nextStart - dayStart);
      coveredDaysByMonth.set(month, entry);
    }
    day = next;
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
