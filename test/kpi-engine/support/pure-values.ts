/**
 * The pure reference's values of a period: facts counted from orders (app/kpi/facts-from-data.ts) through
 * the catalogue's formulas, under the snapshot names, for like-for-like comparison with the engine.
 */
import type { Period } from "~/kpi/calendar/period";
import { kpiValuesFromFacts, withSpend } from "~/kpi/catalog";
import { factsFromData } from "~/kpi/facts-from-data";
import type { KpiData } from "~/kpi/prepare";
import type { KpiSettings } from "~/kpi/settings";

export interface Value {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

export function pureValues(
  data: KpiData,
  period: Period,
  settings: KpiSettings,
  now: Date,
): Map<string, Value> {
  if (period.timeZone !== settings.timezone || data.timezone !== settings.timezone) {
    throw new RangeError(
      `Period zone ${period.timeZone} and data zone ${data.timezone} must be the shop's ${settings.timezone}`,
    );
  }
  const facts = withSpend(period, factsFromData(data, period, settings, now), settings);
  return new Map(
    kpiValuesFromFacts(facts, settings).map(({ kpi, value, numerator, denominator }) => [
      kpi,
      { value, numerator, denominator },
    ]),
  );
}
