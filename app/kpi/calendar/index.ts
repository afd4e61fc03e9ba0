export type { CivilDate } from "./civil-date";
export { addDays, dayNumber, formatCivilDate, isoWeekOf, isoWeekday } from "./civil-date";
export type { LocalDateTime } from "./zone";
export {
  addLocalDays,
  fromLocal,
  localDate,
  localDateKey,
  startOfLocalDay,
  startOfLocalDayContaining,
  toLocal,
  utcOffsetMs,
} from "./zone";
export type { CalendarGranularity, Granularity, Period } from "./period";
export {
  calendarPeriodOf,
  dayPeriod,
  isPartial,
  isoWeekPeriod,
  lastNDays,
  monthPeriod,
  periodContaining,
  quarterPeriod,
  rollingDays,
  yearPeriod,
} from "./period";
export { previousPeriod, yearAgoPeriod } from "./compare";
export { MAX_ROLLING_DAYS, parsePeriod } from "./parse-period";
