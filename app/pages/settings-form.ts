/**
 * The Settings form's fields ↔ updateShopSettings input. Pure: the page posts plain strings, this turns
 * them into the typed update the validator checks (it reports field errors; nothing is saved then).
 */
import { addMonths } from "~/kpi/calendar/civil-date";
import { spendEntryProblem } from "~/settings/marketing-spend";
import type { SettingsUpdate } from "~/settings/shop-settings.server";

/** What the form shows and posts (all strings, as inputs hold them). */
export interface SettingsFormValues {
  activityWindowDays: string;
  graceMinutes: string;
  refundAttribution: "refund_date" | "order_date";
  grossMarginPct: string;
  /** Marketing spend per local month ("YYYY-MM", newest first) in major units; "" when not given. */
  marketingSpend: Record<string, string>;
  digestEnabled: boolean;
  digestRecipients: string;
  digestWeekday: string;
  digestHour: string;
}

export type SettingsField = keyof SettingsFormValues;

/** A field's error, or one month's spend (`spend:YYYY-MM`). */
export type SettingsErrorKey = SettingsField | `spend:${string}`;
export type SettingsFormErrors = Partial<Record<SettingsErrorKey, string>>;

/** The form name of one month's spend field. */
export const spendFieldName = (month: string): `spend:${string}` => `spend:${month}`;

/** Fields whose change alters KPI values (and so needs a full KPI rebuild). */
export const KPI_FIELDS: readonly SettingsField[] = [
  "activityWindowDays",
  "graceMinutes",
  "refundAttribution",
  "grossMarginPct",
  "marketingSpend",
];
export const DIGEST_FIELDS: readonly SettingsField[] = [
  "digestEnabled",
  "digestRecipients",
  "digestWeekday",
  "digestHour",
];

export function changedFields(before: SettingsFormValues, after: SettingsFormValues): SettingsField[] {
  return (Object.keys(after) as SettingsField[]).filter(
    (field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]),
  );
}

export function readSettingsForm(form: FormData): SettingsFormValues {
  const text = (name: string) => String(form.get(name) ?? "").trim();
  const marketingSpend: Record<string, string> = {};
  for (const [name, value] of form.entries())
    if (name.startsWith("spend:")) marketingSpend[name.slice("spend:".length)] = String(value).trim();
  return {
    activityWindowDays: text("activityWindowDays"),
    graceMinutes: text("graceMinutes"),
    refundAttribution: text("refundAttribution") === "order_date" ? "order_date" : "refund_date",
    grossMarginPct: text("grossMarginPct"),
    marketingSpend,
    digestEnabled: text("digestEnabled") === "on",
    digestRecipients: text("digestRecipients"),
    digestWeekday: text("digestWeekday"),
    digestHour: text("digestHour"),
  };
}

/** How many months the form always lists (this one and the 11 before); older saved months are added. */
export const SPEND_MONTHS_SHOWN = 12;

/** The months the spend table lists, newest first: the last `SPEND_MONTHS_SHOWN` and every saved one. */
export function spendMonths(saved: Iterable<string>, currentMonth: string): string[] {
  const [year, month] = currentMonth.split("-").map(Number) as [number, number];
  const recent = Array.from({ length: SPEND_MONTHS_SHOWN }, (_, i) => {
    const d = addMonths({ year, month, day: 1 }, -i);
    return `${d.year}-${String(d.month).padStart(2, "0")}`;
  });
  return [...new Set([...recent, ...saved])]
    .filter((m) => m <= currentMonth)
    .sort()
    .reverse();
}

/** "Dec 2026" for "2026-12". */
export function monthLabel(month: string): string {
  const [year, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(year, m - 1, 1)).toLocaleDateString("en-US", {
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  });
}

export type SpendEntries =
  { ok: true; entries: Record<string, number | null> } | { ok: false; errors: SettingsFormErrors };

/** The posted months as minor units (null: cleared), or every month's problem at once. */
export function parseSpendEntries(
  posted: Readonly<Record<string, string>>,
  exponent: number,
  currentMonth: string,
): SpendEntries {
  const entries: Record<string, number | null> = {};
  const errors: SettingsFormErrors = {};
  for (const [month, text] of Object.entries(posted)) {
    const parsed = parseSpend(text, exponent);
    const problem = !parsed.ok
      ? parsed.error
      : parsed.minor === null
        ? null
        : spendEntryProblem(month, parsed.minor, exponent, currentMonth);
    if (problem) errors[spendFieldName(month)] = problem;
    else if (parsed.ok) entries[month] = parsed.minor;
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, entries };
}

export type SpendParse = { ok: true; minor: number | null } | { ok: false; error: string };

export function parseSpend(text: string, exponent: number): SpendParse {
  if (text === "") return { ok: true, minor: null };
  const normalised = text.replace(/[\s,]/g, "");
  if (!/^-?\d+(\.\d+)?$/.test(normalised))
    return { ok: false, error: "must be an amount such as 2500 or 2500.50" };
  const minor = Math.round(Number(normalised) * 10 ** exponent);
  if (!Number.isSafeInteger(minor)) return { ok: false, error: "is too large" };
  return { ok: true, minor };
}

/** The update for updateShopSettings (spend is saved on its own, per month). */
export function toSettingsUpdate(values: SettingsFormValues): Record<string, unknown> {
  return {
    activityWindowDays: values.activityWindowDays,
    graceMinutes: values.graceMinutes,
    refundAttribution: values.refundAttribution,
    grossMarginPct: values.grossMarginPct === "" ? null : values.grossMarginPct,
    digestEnabled: values.digestEnabled,
    digestRecipients: values.digestRecipients
      .split(/[\s,;]+/)
      .map((email) => email.trim())
      .filter(Boolean),
    digestWeekday: values.digestWeekday,
    digestHour: values.digestHour,
  } satisfies Record<keyof SettingsUpdate, unknown>;
}
