/**
 * Every KPI of any period (and its comparison periods) computed from the rollups on demand, for the CLI
 * and for periods no snapshot covers (e.g. last-45-days). Pages read snapshots instead.
 *
 * `readOnly` computes the period as of `now` without writing anything: one REPEATABLE READ, READ ONLY
 * transaction (PostgreSQL itself refuses any write in it), no period counts cached. The rollups are read
 * as the last recompute left them; `rollups` says what that recompute has not seen yet.
 *
 * Layer: snapshots (on demand, without storing them) (README.md, "Layers").
 */
import type { PrismaClient } from "@prisma/client";
import { previousPeriod, yearAgoPeriod } from "~/kpi/calendar/compare";
import type { Period } from "~/kpi/calendar/period";
import type { KpiValue } from "./derive";
import { deriveKpis } from "./derive";
import { gatherFacts } from "./gather-facts.server";
import { loadRollups } from "./rollups.server";
import type { SettingsOverrides } from "./settings.server";
import { loadShopContext, settingsKey } from "./settings.server";
import type { Db } from "./sql.server";

export interface PeriodReport {
  readonly current: readonly KpiValue[];
  readonly previous: readonly KpiValue[];
  readonly yearAgo: readonly KpiValue[];
  readonly periods: { readonly current: Period; readonly previous: Period; readonly yearAgo: Period };
  readonly rollups: RollupFreshness;
}

/** How current the rollups a report was computed from are. */
export interface RollupFreshness {
  /** The `now` of the last recompute; null when the shop was never computed. */
  readonly computedAt: Date | null;
  /** Local days and customers changed since (dirty marks no recompute has taken yet). */
  readonly pendingDays: number;
  readonly pendingCustomers: number;
  /** The shop's settings differ from those the rollups were built with. */
  readonly settingsChanged: boolean;
}

export interface PeriodReportOptions {
  /** The instant the report is computed as of: periods in progress end here, and it decides undecided checkouts. */
  readonly now: Date;
  readonly settings?: SettingsOverrides;
  /** Write nothing, not even the cache of period counts. */
  readonly readOnly?: boolean;
}

export async function computePeriodReport(
  prisma: PrismaClient,
  shopId: number,
  period: Period,
  options: PeriodReportOptions,
): Promise<PeriodReport> {
  const readOnly = options.readOnly ?? false;
  return prisma.$transaction(
    async (db) => {
      // Must be the transaction's first statement; one snapshot for every query after it.
      if (readOnly) await db.$executeRaw`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY`;
      const { settings } = await loadShopContext(db, shopId, options.settings);
      const rollups = await loadRollups(db, shopId);
      const periods = { current: period, previous: previousPeriod(period), yearAgo: yearAgoPeriod(period) };
      const list = [periods.current, periods.previous, periods.yearAgo];
      const facts = await gatherFacts(db, shopId, settings, rollups, list, options.now, undefined, {
        readOnly,
      });
      const [current, previous, yearAgo] = list.map((p, i) => deriveKpis(p, facts[i]!, settings)) as [
        KpiValue[],
        KpiValue[],
        KpiValue[],
      ];
      return {
        current,
        previous,
        yearAgo,
        periods,
        rollups: await rollupFreshness(db, shopId, settingsKey(settings)),
      };
    },
    { timeout: 120_000 },
  );
}

async function rollupFreshness(db: Db, shopId: number, key: string): Promise<RollupFreshness> {
  const [row] = await db.$queryRaw<
    { computed_at: Date | null; settings_key: string | null; days: number; customers: number }[]
  >`
    SELECT s.computed_at, s.settings_key,
      (SELECT count(*)::int FROM kpi_dirty_day WHERE shop_id = ${shopId}) AS days,
      (SELECT count(*)::int FROM kpi_dirty_customer WHERE shop_id = ${shopId}) AS customers
    FROM (SELECT 1) AS one LEFT JOIN kpi_engine_state s ON s.shop_id = ${shopId}`;
  return {
    computedAt: row?.computed_at ?? null,
    pendingDays: row?.days ?? 0,
    pendingCustomers: row?.customers ?? 0,
    settingsChanged: row?.settings_key != null && row.settings_key !== key,
  };
}
