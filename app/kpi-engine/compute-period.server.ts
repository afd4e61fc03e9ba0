/**
 * Every KPI of any period (and its comparison periods) computed from the rollups on demand, for the CLI
 * and for periods no snapshot covers (e.g. last-45-days). Pages read snapshots instead.
 */
import type { PrismaClient } from "@prisma/client";
import { previousPeriod, yearAgoPeriod } from "../kpi/calendar/compare";
import type { Period } from "../kpi/calendar/period";
import type { KpiValue } from "./derive";
import { deriveKpis } from "./derive";
import { gatherFacts } from "./gather-facts.server";
import { loadRollups } from "./rollups.server";
import type { SettingsOverrides } from "./settings.server";
import { loadShopContext } from "./settings.server";

export interface PeriodReport {
  readonly current: readonly KpiValue[];
  readonly previous: readonly KpiValue[];
  readonly yearAgo: readonly KpiValue[];
  readonly periods: { readonly current: Period; readonly previous: Period; readonly yearAgo: Period };
}

export async function computePeriodReport(
  prisma: PrismaClient,
  shopId: number,
  period: Period,
  options: { now: Date; settings?: SettingsOverrides },
): Promise<PeriodReport> {
  return prisma.$transaction(
    async (db) => {
      const { settings } = await loadShopContext(db, shopId, options.settings);
      const rollups = await loadRollups(db, shopId);
      const periods = { current: period, previous: previousPeriod(period), yearAgo: yearAgoPeriod(period) };
      const list = [periods.current, periods.previous, periods.yearAgo];
      const facts = await gatherFacts(db, shopId, settings, rollups, list, options.now);
      const [current, previous, yearAgo] = list.map((p, i) => deriveKpis(p, facts[i]!, settings)) as [KpiValue[], KpiValue[], KpiValue[]];
      return { current, previous, yearAgo, periods };
    },
    { timeout: 120_000 },
  );
}
