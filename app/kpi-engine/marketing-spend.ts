/**
 * Marketing spend of a span exactly as app/kpi/marketing.ts computes it (day by day, a partial day by its
 * elapsed share, month by month), but with the local day starts read from the memoised calendar of
 * spans.ts: the reference walks the time zone database for every day of every span.
 */
import { daysInMonth, formatCivilMonth, fromDayNumber } from "../kpi/calendar/civil-date";
import type { TimeRange } from "../kpi/time-range";
import { dayStart, localDayNumber } from "./spans";

export function spendOf(range: TimeRange, spendByMonth: Readonly<Record<string, number>> | null, zone: string): number | null {
  if (spendByMonth === null) return null;
  const start = range.start.getTime();
  const end = range.end.getTime();
  if (end <= start) return 0;
  const coveredDaysByMonth = new Map<string, { covered: number; length: number }>();
  let day = localDayNumber(range.start, zone);
  let dayStartMs = dayStart(day, zone).getTime();
  while (dayStartMs < end) {
    const nextStart = dayStart(day + 1, zone).getTime();
    const overlap = Math.min(nextStart, end) - Math.max(dayStartMs, start);
    if (nextStart > dayStartMs && overlap > 0) {
      const { year, month } = fromDayNumber(day);
      const key = formatCivilMonth(year, month);
      const entry = coveredDaysByMonth.get(key) ?? { covered: 0, length: daysInMonth(year, month) };
      entry.covered += overlap === nextStart - dayStartMs ? 1 : overlap / (nextStart - dayStartMs);
      coveredDaysByMonth.set(key, entry);
    }
    day += 1;
    dayStartMs = nextStart;
  }
  let total = 0;
  for (const [month, { covered, length }] of coveredDaysByMonth) {
    const spend = spendByMonth[month];
    if (spend === undefined) return null;
    total += covered === length ? spend : (spend * covered) / length;
  }
  return total;
}
