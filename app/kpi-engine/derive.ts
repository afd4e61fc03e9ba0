/**
 * Period facts → KPI values: the catalogue's formulas (app/kpi/catalog), the same the pure reference
 * applies to facts it counts from orders. Pure; test/kpi-engine checks the two agree.
 */
import type { Period } from "~/kpi/calendar/period";
import type { KpiValue } from "~/kpi/catalog";
import { kpiValuesFromFacts, withSpend } from "~/kpi/catalog";
import type { KpiSettings } from "~/kpi/settings";
import type { TimeRange } from "~/kpi/time-range";
import type { PeriodFacts } from "./facts";
import { memoisedDays } from "./spans";

export type { KpiValue } from "~/kpi/catalog";

/** Every KPI of a period from its facts. `period` gives the range and the zone; settings give W, margin, spend. */
export function deriveKpis(
  period: TimeRange & Pick<Period, "timeZone">,
  facts: PeriodFacts,
  settings: KpiSettings,
  options: { cohorts: boolean } = { cohorts: true },
): KpiValue[] {
  return kpiValuesFromFacts(
    withSpend(period, facts, settings, memoisedDays(period.timeZone)),
    settings,
    options,
  );
}
