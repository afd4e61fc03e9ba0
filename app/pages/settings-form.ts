/**
 * The Settings form's fields ↔ updateShopSettings input. Pure: the page posts plain strings, this turns
 * them into the typed update the validator checks (it reports field errors; nothing is saved then).
 */
import type { Translator } from "~/i18n/translator";
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
  /** "" follows the Shopify admin's language; else en, pl, uk or el. */
  adminLanguage: string;
  /** "" is the shop's primary language; else en, pl, uk or el. */
  digestLanguage: string;
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
  "digestLanguage",
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
    adminLanguage: text("adminLanguage"),
    digestLanguage: text("digestLanguage"),
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

/** "Dec 2026" for "2026-12", in the reader's language ("gru 2026"). */
export function monthLabel(month: string, i18n: Translator): string {
  const [year, m] = month.split("-").map(Number) as [number, number];
  return i18n.intl.formatDate(new Date(Date.UTC(year, m - 1, 1)), {
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  });
}

/** The decimal separator of the reader's locale: amounts are shown and typed with it. */
export function decimalSeparator(i18n: Translator): "." | "," {
  const part = i18n.intl.formatNumberToParts(1.5).find((p) => p.type === "decimal");
  return part?.value === "," ? "," : ".";
}

export type SpendEntries =
  { ok: true; entries: Record<string, number | null> } | { ok: false; errors: SettingsFormErrors };

/** The posted months as minor units (null: cleared), or every month's problem at once. */
export function parseSpendEntries(
  posted: Readonly<Record<string, string>>,
  exponent: number,
  currentMonth: string,
  i18n: Translator,
): SpendEntries {
  const entries: Record<string, number | null> = {};
  const errors: SettingsFormErrors = {};
  for (const [month, text] of Object.entries(posted)) {
    const parsed = parseSpend(text, exponent, i18n);
    const problem = !parsed.ok
      ? parsed.error
      : parsed.minor === null
        ? null
        : spendEntryProblem(month, parsed.minor, exponent, currentMonth);
    if (typeof problem === "string") errors[spendFieldName(month)] = problem;
    else if (problem) errors[spendFieldName(month)] = i18n.t(problem.id, problem.values);
    else if (parsed.ok) entries[month] = parsed.minor;
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, entries };
}

export type SpendParse = { ok: true; minor: number | null } | { ok: false; error: string };

/**
 * An amount as the reader types it: English "2,500.50"; Polish, Ukrainian, Greek "2 500,50" or "2500.50"
 * (the form shows saved amounts with the locale's separator, and a dot is still read as decimals). A
 * Greek "2.500" is refused rather than guessed: it could mean either.
 */
export function parseSpend(text: string, exponent: number, i18n: Translator): SpendParse {
  if (text === "") return { ok: true, minor: null };
  const compact = text.replace(/[\s\u00a0\u202f]/g, "");
  const lastComma = compact.lastIndexOf(",");
  const lastDot = compact.lastIndexOf(".");
  // With both separators the later one is the decimal; with one, the locale's decimal decides.
  const decimal = lastComma >= 0 && lastDot >= 0 ? (lastComma > lastDot ? "," : ".") : decimalSeparator(i18n);
  if (decimal === "," && lastComma < 0 && /^-?\d{1,3}(\.\d{3})+$/.test(compact) && i18n.formatLocale === "el")
    return { ok: false, error: i18n.t("settings.error.spendAmbiguous") };
  const normalised =
    decimal === "." || lastComma < 0
      ? compact.replace(/,/g, "")
      : compact.replace(/\./g, "").replace(",", ".");
  if (!/^-?\d+(\.\d+)?$/.test(normalised)) return { ok: false, error: i18n.t("settings.error.spendAmount") };
  const minor = Math.round(Number(normalised) * 10 ** exponent);
  if (!Number.isSafeInteger(minor)) return { ok: false, error: i18n.t("settings.error.spendTooLarge") };
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
    adminLanguage: values.adminLanguage === "" ? null : values.adminLanguage,
    digestLanguage: values.digestLanguage === "" ? null : values.digestLanguage,
  } satisfies Record<keyof SettingsUpdate, unknown>;
}
