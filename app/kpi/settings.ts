/**
 * Per-shop KPI settings, with the spec's defaults and ranges.
 */
import { assertTimeZone } from "~/kpi/calendar/zone";
import { assertMinor } from "./money";

export type RefundAttribution = "refund-date" | "order-date";

export interface KpiSettings {
  readonly timezone: string;
  /** W: a customer is active at t with a counted order in [t − W days, t). */
  readonly activityWindowDays: number;
  /** A checkout or cart is abandoned once it is MORE than this old and not completed. */
  readonly graceMinutes: number;
  readonly refundAttribution: RefundAttribution;
  /** Gross margin in percent (e.g. 40 for 40 %), or null when the merchant has not given it. */
  readonly grossMarginPct: number | null;
  /** Marketing spend per local month, keyed "YYYY-MM", in shop minor units; null when not given. */
  readonly marketingSpendByMonth: Readonly<Record<string, number>> | null;
}

export const DEFAULT_ACTIVITY_WINDOW_DAYS = 180;
export const MIN_ACTIVITY_WINDOW_DAYS = 30;
export const MAX_ACTIVITY_WINDOW_DAYS = 730;
export const DEFAULT_GRACE_MINUTES = 10;

/** Fills defaults and rejects values outside the spec's ranges. */
export function resolveSettings(input: Partial<KpiSettings> & { readonly timezone: string }): KpiSettings {
  const settings: KpiSettings = {
    timezone: input.timezone,
    activityWindowDays: input.activityWindowDays ?? DEFAULT_ACTIVITY_WINDOW_DAYS,
    graceMinutes: input.graceMinutes ?? DEFAULT_GRACE_MINUTES,
    refundAttribution: input.refundAttribution ?? "refund-date",
    grossMarginPct: input.grossMarginPct ?? null,
    marketingSpendByMonth: input.marketingSpendByMonth ?? null,
  };
  assertTimeZone(settings.timezone);
  const w = settings.activityWindowDays;
  if (!Number.isInteger(w) || w < MIN_ACTIVITY_WINDOW_DAYS || w > MAX_ACTIVITY_WINDOW_DAYS) {
    throw new RangeError(
      `activityWindowDays must be a whole number in ${MIN_ACTIVITY_WINDOW_DAYS}–${MAX_ACTIVITY_WINDOW_DAYS}, got ${w}`,
    );
  }
  if (!(settings.graceMinutes >= 0))
    throw new RangeError(`graceMinutes must be ≥ 0, got ${settings.graceMinutes}`);
  const margin = settings.grossMarginPct;
  if (margin !== null && !(margin >= -100 && margin <= 100))
    throw new RangeError(`grossMarginPct must be within −100…100, got ${margin}`);
  for (const [month, spend] of Object.entries(settings.marketingSpendByMonth ?? {})) {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month))
      throw new RangeError(`Marketing spend month must be "YYYY-MM", got "${month}"`);
    assertMinor(spend);
    if (spend < 0) throw new RangeError(`Marketing spend must be ≥ 0 (${month})`);
  }
  return settings;
}
