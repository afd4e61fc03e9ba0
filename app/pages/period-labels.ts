/**
 * Period names for people ("Oct 24 – Nov 22, 2026", "Week of Nov 16"). Formatted on the server from
 * local calendar dates, so the browser never re-formats them in its own time zone.
 */
import type { CivilDate } from "~/kpi/calendar/civil-date";
import { isoWeekMonday } from "~/kpi/calendar/civil-date";
import type { Period } from "~/kpi/calendar/period";
import { lastLocalDay } from "~/kpi/calendar/period";

const asUtc = (d: CivilDate) => new Date(Date.UTC(d.year, d.month - 1, d.day));
const fmt = (options: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat("en", { ...options, timeZone: "UTC" });
const DAY = fmt({ month: "short", day: "numeric" });
const DAY_YEAR = fmt({ month: "short", day: "numeric", year: "numeric" });
const MONTH = fmt({ month: "short", year: "numeric" });

/** "Oct 24 – Nov 22, 2026" (one day: "Nov 22, 2026"). */
export function periodRangeText(period: Period): string {
  const first = period.firstDay;
  const last = lastLocalDay(period);
  if (first.year === last.year && first.month === last.month && first.day === last.day)
    return DAY_YEAR.format(asUtc(first));
  const head = first.year === last.year ? DAY.format(asUtc(first)) : DAY_YEAR.format(asUtc(first));
  return `${head} – ${DAY_YEAR.format(asUtc(last))}`;
}

/** The first local day of a snapshot period named 2026-03-09, 2026-W10 or 2026-03. */
function firstDayOfLabel(label: string): CivilDate {
  const week = /^(\d{4})-W(\d{2})$/.exec(label);
  if (week) return isoWeekMonday(Number(week[1]), Number(week[2]));
  const [year, month, day] = label.split("-").map(Number);
  return { year: year ?? 1970, month: month ?? 1, day: day ?? 1 };
}

/** A trend point's name: "Nov 23", "Week of Nov 16", "Nov 2026"; "(so far)" for the unit in progress. */
export function pointLabel(label: string, partial: boolean): string {
  const first = asUtc(firstDayOfLabel(label));
  const name = label.includes("-W")
    ? `Week of ${DAY.format(first)}`
    : label.length === 7
      ? MONTH.format(first)
      : DAY.format(first);
  return partial ? `${name} (so far)` : name;
}

/** Short axis tick: "Nov 23", "Nov 16", "Nov 2026". */
export function pointTick(label: string): string {
  const first = asUtc(firstDayOfLabel(label));
  return label.length === 7 ? MONTH.format(first) : DAY.format(first);
}

// One formatter per zone: building an Intl.DateTimeFormat costs far more than formatting with it (a
// dashboard formats one instant per card), and there are only a few hundred zones.
const instantFormats = new Map<string, Intl.DateTimeFormat>();

/** Local date and time of an instant in the shop's zone, e.g. "Nov 23, 2026, 3:38 PM". */
export function instantText(instant: Date, timeZone: string): string {
  let format = instantFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone });
    instantFormats.set(timeZone, format);
  }
  return format.format(instant);
}

/** "5 minutes ago", computed on the server so the page does not change on hydration. */
export function ageText(instant: Date, now: Date): string {
  const seconds = Math.max(0, Math.round((now.getTime() - instant.getTime()) / 1000));
  if (seconds < 90) return "just now";
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return `${minutes} minutes ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 36) return `${hours} hours ago`;
  return `${Math.round(hours / 24)} days ago`;
}

/** The local date of an instant in the shop's zone, e.g. "Nov 23, 2026". */
export function localDateText(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone }).format(instant);
}
