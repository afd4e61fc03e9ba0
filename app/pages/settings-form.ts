/**
 * The Settings form's fields ↔ updateShopSettings input. Pure: the page posts plain strings, this turns
 * them into the typed update the validator checks (it reports field errors; nothing is saved then).
 */
import type { SettingsUpdate } from "~/settings/shop-settings.server";

/** What the form shows and posts (all strings, as inputs hold them). */
export interface SettingsFormValues {
  activityWindowDays: string;
  graceMinutes: string;
  refundAttribution: "refund_date" | "order_date";
  grossMarginPct: string;
  /** Monthly marketing spend in major units of the shop currency; applied to the current month and on. */
  monthlyMarketingSpend: string;
  digestEnabled: boolean;
  digestRecipients: string;
  digestWeekday: string;
  digestHour: string;
}

export type SettingsField = keyof SettingsFormValues;

/** Fields whose change alters KPI values (and so needs a full KPI rebuild). */
export const KPI_FIELDS: readonly SettingsField[] = [
  "activityWindowDays",
  "graceMinutes",
  "refundAttribution",
  "grossMarginPct",
  "monthlyMarketingSpend",
];
export const DIGEST_FIELDS: readonly SettingsField[] = [
  "digestEnabled",
  "digestRecipients",
  "digestWeekday",
  "digestHour",
];

export function changedFields(before: SettingsFormValues, after: SettingsFormValues): SettingsField[] {
  return (Object.keys(after) as SettingsField[]).filter(
    (field) => String(before[field]) !== String(after[field]),
  );
}

export function readSettingsForm(form: FormData): SettingsFormValues {
  const text = (name: string) => String(form.get(name) ?? "").trim();
  return {
    activityWindowDays: text("activityWindowDays"),
    graceMinutes: text("graceMinutes"),
    refundAttribution: text("refundAttribution") === "order_date" ? "order_date" : "refund_date",
    grossMarginPct: text("grossMarginPct"),
    monthlyMarketingSpend: text("monthlyMarketingSpend"),
    digestEnabled: text("digestEnabled") === "on",
    digestRecipients: text("digestRecipients"),
    digestWeekday: text("digestWeekday"),
    digestHour: text("digestHour"),
  };
}

/** Marketing spend is stored per month; the form edits "from this month on", keeping past months. */
export function spendUpdate(
  stored: Readonly<Record<string, number>>,
  monthlyMinor: number | null,
  currentMonth: string,
): Record<string, number> {
  const kept = Object.fromEntries(Object.entries(stored).filter(([month]) => month < currentMonth));
  return monthlyMinor === null ? kept : { ...kept, [currentMonth]: monthlyMinor };
}

export type SpendParse = { ok: true; minor: number | null } | { ok: false; error: string };

export function parseSpend(text: string, exponent: number): SpendParse {
  if (text === "") return { ok: true, minor: null };
  const normalised = text.replace(/[\s,]/g, "");
  if (!/^\d+(\.\d+)?$/.test(normalised))
    return { ok: false, error: "must be an amount such as 2500 or 2500.50" };
  const minor = Math.round(Number(normalised) * 10 ** exponent);
  if (!Number.isSafeInteger(minor)) return { ok: false, error: "is too large" };
  return { ok: true, minor };
}

/** The update for updateShopSettings (spend is added by the caller, which knows the stored months). */
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
  } satisfies Record<keyof Omit<SettingsUpdate, "marketingSpend">, unknown>;
}
