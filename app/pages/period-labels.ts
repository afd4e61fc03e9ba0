/**
 * Period names for people ("Oct 24 – Nov 22, 2026", "Week of Nov 16"), in the reader's language.
 * Formatted on the server, so the browser never re-formats them in its own time zone. A period is named
 * by its local calendar days, which are already the shop's: they are formatted as UTC dates so that no
 * zone moves them. Instants (a computation's time) are formatted in the shop's zone.
 */
import type { Translator } from "~/i18n/translator";
import type { CivilDate } from "~/kpi/calendar/civil-date";
import { isoWeekMonday } from "~/kpi/calendar/civil-date";
import type { Period } from "~/kpi/calendar/period";
import { lastLocalDay } from "~/kpi/calendar/period";

const asUtc = (d: CivilDate) => new Date(Date.UTC(d.year, d.month - 1, d.day));
const DAY = { month: "short", day: "numeric", timeZone: "UTC" } as const;
const DAY_YEAR = { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" } as const;
const MONTH = { month: "short", year: "numeric", timeZone: "UTC" } as const;

/**
 * "Oct 24 – Nov 22, 2026" (one day: "Nov 22, 2026"). Each end is a whole date (the first without its
 * year when both share one), joined by the language's range pattern: Intl's range format would write
 * "Nov 3 – 10" in English, which the app never showed.
 */
export function periodRangeText(period: Period, i18n: Translator): string {
  const first = period.firstDay;
  const last = lastLocalDay(period);
  const { intl } = i18n;
  if (first.year === last.year && first.month === last.month && first.day === last.day)
    return intl.formatDate(asUtc(first), DAY_YEAR);
  return i18n.t("period.range", {
    from: intl.formatDate(asUtc(first), first.year === last.year ? DAY : DAY_YEAR),
    to: intl.formatDate(asUtc(last), DAY_YEAR),
  });
}

/** The first local day of a snapshot period named 2026-03-09, 2026-W10 or 2026-03. */
function firstDayOfLabel(label: string): CivilDate {
  const week = /^(\d{4})-W(\d{2})$/.exec(label);
  if (week) return isoWeekMonday(Number(week[1]), Number(week[2]));
  const [year, month, day] = label.split("-").map(Number);
  return { year: year ?? 1970, month: month ?? 1, day: day ?? 1 };
}

/** A trend point's name: "Nov 23", "Week of Nov 16", "Nov 2026"; "(so far)" for the unit in progress. */
export function pointLabel(label: string, partial: boolean, i18n: Translator): string {
  const first = asUtc(firstDayOfLabel(label));
  const { intl } = i18n;
  const name = label.includes("-W")
    ? i18n.t("period.point.week", { date: intl.formatDate(first, DAY) })
    : label.length === 7
      ? intl.formatDate(first, MONTH)
      : intl.formatDate(first, DAY);
  return partial ? i18n.t("period.point.partial", { name }) : name;
}

/** Short axis tick: "Nov 23", "Nov 16", "Nov 2026". */
export function pointTick(label: string, i18n: Translator): string {
  const first = asUtc(firstDayOfLabel(label));
  return i18n.intl.formatDate(first, label.length === 7 ? MONTH : DAY);
}

/** Local date and time of an instant in the shop's zone, e.g. "Nov 23, 2026, 3:38 PM". */
export function instantText(instant: Date, timeZone: string, i18n: Translator): string {
  // formatjs keeps one Intl.DateTimeFormat per locale and options: a dashboard formats one per card.
  return i18n.intl.formatDate(instant, { dateStyle: "medium", timeStyle: "short", timeZone });
}

/** "5 minutes ago", computed on the server so the page does not change on hydration. */
export function ageText(instant: Date, now: Date, i18n: Translator): string {
  const seconds = Math.max(0, Math.round((now.getTime() - instant.getTime()) / 1000));
  if (seconds < 90) return i18n.t("period.age.justNow");
  const ago = (value: number, unit: "minute" | "hour" | "day") =>
    i18n.intl.formatRelativeTime(-value, unit, { numeric: "always" });
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return ago(minutes, "minute");
  const hours = Math.round(minutes / 60);
  if (hours < 36) return ago(hours, "hour");
  return ago(Math.round(hours / 24), "day");
}

/** The local date of an instant in the shop's zone, e.g. "Nov 23, 2026". */
export function localDateText(instant: Date, timeZone: string, i18n: Translator): string {
  return i18n.intl.formatDate(instant, { dateStyle: "medium", timeZone });
}
