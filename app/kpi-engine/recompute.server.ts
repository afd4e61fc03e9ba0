/**
 * Recomputes a shop's snapshots. Full: every rollup from the raw rows, then every period. Incremental:
 * only the days and customers the triggers marked, the cached period counts they can affect, and the
 * periods ending after the earliest change (plus those that depend on `now`). After a settings change:
 * the marks as in an incremental run, the rollups the changed settings shape, then every period. All
 * paths run the same derivation over the same rollups, so they give identical snapshots (test/kpi-engine
 * proves it).
 *
 * Layer: recompute, on top of writing rollups, reading facts, deriving and snapshots (README.md, "Layers").
 */
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { databaseUrlOf } from "~/db.server";
import { ALL_DAYS, daysScope } from "./day-scope.server";
import type { DirtyMarks } from "./dirty.server";
import { claimDirtyMarks } from "./dirty.server";
import { deriveKpis } from "./derive";
import { gatherFacts } from "./gather-facts.server";
import { clearPeriodCustomers, invalidatePeriodCustomers, loadCustomerGrid } from "./period-customers.server";
import type { PlannedPeriod } from "./periods";
import { plannedPeriods } from "./periods";
import type { RollupDays, RollupRows, Rollups } from "./rollups.server";
import { buildRollups, loadRollupRows } from "./rollups.server";
import { cachedRollupRows, forgetRollupRows, rememberRollupRows } from "./rollup-cache.server";
import type { CustomerGrid } from "./customer-grid";
import type { CustomerChanges } from "./customer-rows.server";
import {
  rebuildAllCustomerRows,
  rebuildCustomerRows,
  writeCustomerDays,
  YEAR_DAYS,
} from "./customer-rows.server";
import { refreshCohortDays } from "./cohort-rollup.server";
import {
  buildSalesSlotsAside,
  rebookRefundsInSlots,
  refreshSalesDays,
  useSalesSlotsBuiltAside,
} from "./sales-rollup.server";
import type { SettingsOverrides, ShopContext } from "./settings.server";
import { loadShopContext, settingsChange, settingsKey } from "./settings.server";
import type { SettingsChange } from "./settings.server";
import { writeSnapshots } from "./snapshots.server";
import { lockShopKpis, tryLockShopKpis } from "./shop-lock.server";
import { dayStart, localDayNumber } from "./spans";
import type { Db } from "./sql.server";
import { timed, timedSync } from "./profile";

export interface RecomputeOptions {
  readonly now?: Date;
  /** "auto": incremental unless nothing was built yet or the settings changed (see `settingsChange`). */
  readonly mode?: "auto" | "full";
  readonly settings?: SettingsOverrides;
  /**
   * Incremental work or nothing: throw RecomputeDeferredError at once rather than wait for the shop's
   * lock or run a rebuild (the incremental queue hands those on, so a long one never holds its workers).
   */
  readonly incrementalOnly?: boolean;
}

/** An `incrementalOnly` recompute that did nothing: the shop is "busy" (its lock is held) or needs a "rebuild". */
export class RecomputeDeferredError extends Error {
  override name = "RecomputeDeferredError";
  constructor(
    readonly shopId: number,
    readonly reason: "busy" | "rebuild",
  ) {
    super(`recompute of shop ${shopId} deferred: ${reason}`);
  }
}

export interface RecomputeResult {
  readonly mode: "full" | "settings" | "incremental";
  readonly periods: number;
  readonly rows: number;
  readonly dirtyDays: number;
  readonly dirtyCustomers: number;
  /** The stored CLV predictions no longer match: the customer rows were rebuilt, or the margin changed. */
  readonly predictionsStale: boolean;
}

/** What one recompute path reports; whether the predictions went stale follows from the settings change. */
type PathResult = Omit<RecomputeResult, "predictionsStale">;

const TRANSACTION_TIMEOUT_MS = 10 * 60_000;

export async function recomputeShop(
  prisma: PrismaClient,
  shopId: number,
  options: RecomputeOptions = {},
): Promise<RecomputeResult> {
  const now = options.now ?? new Date();
  return prisma.$transaction(
    async (db) => {
      // One recompute per shop at a time, whatever the queue does.
      if (options.incrementalOnly) {
        if (!(await tryLockShopKpis(db, shopId))) throw new RecomputeDeferredError(shopId, "busy");
      } else await lockShopKpis(db, shopId);
      // Derived data only, so the commit need not wait for its WAL flush: a commit lost in a crash leaves
      // its dirty marks to recompute (decision 0048).
      await db.$queryRaw`SELECT set_config('work_mem', '256MB', true), set_config('synchronous_commit', 'off', true)`;
      const context = await loadShopContext(db, shopId, options.settings);
      const state = await db.kpiEngineState.findUnique({ where: { shopId } });
      const key = settingsKey(context.settings);
      const change: SettingsChange =
        options.mode === "full" || !state ? "all" : settingsChange(state.settingsKey, context.settings);
      const full = change === "all";
      if (options.incrementalOnly && change !== "none") throw new RecomputeDeferredError(shopId, "rebuild");
      // Until this transaction commits, the database names the previous generation: a cached entry for
      // the new one is only ever used after the commit.
      const generation = randomUUID();
      const cached = state && change === "none" ? cachedRollupRows(shopId, state.generation) : null;
      forgetRollupRows(shopId);
      const result =
        !state || full
          ? await fullRebuild(db, context, now, generation, databaseUrlOf(prisma))
          : change === "none"
            ? await incremental(db, context, now, state.computedAt, { cached, generation })
            : await afterSettingsChange(db, context, now, generation, change);
      await db.kpiEngineState.upsert({
        where: { shopId },
        create: { shopId, settingsKey: key, computedAt: now, rebuiltAt: now, generation },
        update: full
          ? { settingsKey: key, computedAt: now, rebuiltAt: now, generation }
          : { settingsKey: key, computedAt: now, generation },
      });
      // A full rebuild rewrites the customer rows the fit reads; a margin change the value it is net of.
      return { ...result, predictionsStale: change === "all" || (change !== "none" && change.margin) };
    },
    { timeout: TRANSACTION_TIMEOUT_MS, maxWait: TRANSACTION_TIMEOUT_MS },
  );
}

async function fullRebuild(
  db: Db,
  { shopId, settings }: ShopContext,
  now: Date,
  generation: string,
  databaseUrl: string | undefined,
): Promise<PathResult> {
  const marks = await claimDirtyMarks(db, shopId);
  // The sales slots on a connection of their own while this transaction builds the customer rows (the
  // two longest steps); in this transaction when the client's URL is unknown.
  const slotsAside = databaseUrl
    ? timed("sales slots aside", () => buildSalesSlotsAside(databaseUrl, shopId, settings)).then(
        () => null,
        (error: unknown) => ({ error }),
      )
    : null;
  if (!slotsAside) await timed("sales days", () => refreshSalesDays(db, shopId, settings, ALL_DAYS));
  await timed("customer rows", () => rebuildAllCustomerRows(db, shopId, settings));
  const grid = await rebuildActiveCounts(db, { shopId, settings });
  await timed("cohort days", () => refreshCohortDays(db, shopId, settings, ALL_DAYS));
  if (slotsAside) {
    const failed = await slotsAside;
    if (failed) throw failed.error;
    await timed("sales days", () => useSalesSlotsBuiltAside(db, shopId, settings));
  }
  const { periods, rows } = await snapshotEveryPeriod(db, { shopId, settings }, now, generation, grid);
  return {
    mode: "full",
    periods,
    rows,
    dirtyDays: marks.days.length,
    dirtyCustomers: marks.customers.length,
  };
}

async function incremental(
  db: Db,
  { shopId, settings }: ShopContext,
  now: Date,
  previousNow: Date,
  rollupCache: { cached: RollupRows | null; generation: string },
): Promise<PathResult> {
  const { marks, changes } = await applyMarks(db, { shopId, settings });
  await timed("cohort days", () =>
    refreshCohortDays(db, shopId, settings, daysScope([...marks.days, ...changes.cohortDays])),
  );
  if (changes.effectDay !== null) await invalidatePeriodCustomers(db, shopId, changes.effectDay);

  // Periods ending after the earliest change, and those whose checkouts were still in the grace time.
  const changedDays = [
    ...marks.days,
    ...changes.cohortDays,
    ...(changes.effectDay === null ? [] : [changes.effectDay]),
  ];
  let cutoff = previousNow.getTime() - settings.graceMinutes * 60_000;
  if (changedDays.length)
    cutoff = Math.min(cutoff, dayStart(Math.min(...changedDays), settings.timezone).getTime());

  // The rows this recompute rewrote, over the cached ones when this process holds the previous generation.
  const days: RollupDays = {
    sales: marks.days,
    cohorts: [...marks.days, ...changes.cohortDays],
    customers: changes.customerDays,
  };
  const { cached, generation } = rollupCache;
  const rollupRows = await timed("load rollups", () =>
    loadRollupRows(db, shopId, cached ? { base: cached, days } : undefined),
  );
  rememberRollupRows(shopId, generation, rollupRows);
  const rollups = buildRollups(rollupRows);
  const planned = plannedPeriods(
    rollups.firstDay,
    now,
    settings.timezone,
    localDayNumber(new Date(cutoff), settings.timezone),
  ).filter((p) => p.live || p.period.end.getTime() > cutoff);
  // The live periods (every one is planned) replace the previous run's, which depended on its `now`.
  const rows = await snapshot(db, { shopId, settings }, rollups, planned, now, {});
  return {
    mode: "incremental",
    periods: planned.length,
    rows,
    dirtyDays: marks.days.length,
    dirtyCustomers: marks.customers.length,
  };
}

/** Takes the dirty marks and rebuilds the marked customers' rows and the marked days' sales. */
async function applyMarks(
  db: Db,
  { shopId, settings }: ShopContext,
): Promise<{ marks: DirtyMarks; changes: CustomerChanges }> {
  const marks = await timed("claim marks", () => claimDirtyMarks(db, shopId));
  const changes = await timed("customer rows", () =>
    rebuildCustomerRows(db, shopId, settings, marks.customers),
  );
  await timed("sales days", () => refreshSalesDays(db, shopId, settings, daysScope(marks.days)));
  return { marks, changes };
}

/**
 * The settings changed but not the time zone or the model, so the customer-order rows stand: the marks
 * are applied as in an incremental run, the rollups the changed settings shape are rebuilt, and every
 * period is snapshotted again. A margin, spend or grace change then skips the two longest steps of a
 * full rebuild (customer rows and sales slots).
 */
async function afterSettingsChange(
  db: Db,
  { shopId, settings }: ShopContext,
  now: Date,
  generation: string,
  change: Exclude<SettingsChange, "none" | "all">,
): Promise<PathResult> {
  const { marks, changes } = await applyMarks(db, { shopId, settings });
  if (change.refunds) await timed("rebook refunds", () => rebookRefundsInSlots(db, shopId, settings));
  const cohortScope = change.refunds ? ALL_DAYS : daysScope([...marks.days, ...changes.cohortDays]);
  await timed("cohort days", () => refreshCohortDays(db, shopId, settings, cohortScope));
  let grid: CustomerGrid | undefined;
  // The window shapes every day's active counts and every cached period count; otherwise only the cached
  // counts from the customers' earliest change on are stale.
  if (change.window) grid = await rebuildActiveCounts(db, { shopId, settings });
  else if (changes.effectDay !== null) await invalidatePeriodCustomers(db, shopId, changes.effectDay);
  const { periods, rows } = await snapshotEveryPeriod(db, { shopId, settings }, now, generation, grid);
  return {
    mode: "settings",
    periods,
    rows,
    dirtyDays: marks.days.length,
    dirtyCustomers: marks.customers.length,
  };
}

/**
 * The daily active counts from the customer grid (the histograms of the customer-order rows), written
 * again with the activity window; the cached period counts go. Returns the grid for the snapshots.
 */
async function rebuildActiveCounts(db: Db, { shopId, settings }: ShopContext): Promise<CustomerGrid> {
  const grid = await timed("load grid", () => loadCustomerGrid(db, shopId));
  await timed("customer days", () =>
    writeCustomerDays(db, shopId, grid.dayDeltas(settings.activityWindowDays, YEAR_DAYS)),
  );
  await clearPeriodCustomers(db, shopId);
  return grid;
}

/** Every period from all of the stored rollups, replacing the shop's snapshots; the rollups stay cached under `generation`. */
async function snapshotEveryPeriod(
  db: Db,
  context: ShopContext,
  now: Date,
  generation: string,
  grid: CustomerGrid | undefined,
): Promise<{ periods: number; rows: number }> {
  const rollupRows = await timed("load rollups", () => loadRollupRows(db, context.shopId));
  rememberRollupRows(context.shopId, generation, rollupRows);
  const rollups = buildRollups(rollupRows);
  const planned = timedSync("plan periods", () =>
    plannedPeriods(rollups.firstDay, now, context.settings.timezone),
  );
  const rows = await snapshot(db, context, rollups, planned, now, { replaceAll: true }, grid);
  return { periods: planned.length, rows };
}

/** Cohort CLV rows for months and longer, rolling and live periods: one per cohort is too many for days and weeks. */
const withCohorts = (p: PlannedPeriod): boolean =>
  p.live || !(p.period.granularity === "day" || p.period.granularity === "week");

async function snapshot(
  db: Db,
  { shopId, settings }: ShopContext,
  rollups: Rollups,
  planned: readonly PlannedPeriod[],
  now: Date,
  write: { replaceAll?: boolean },
  grid?: CustomerGrid,
): Promise<number> {
  const facts = await timed("gather facts", () =>
    gatherFacts(
      db,
      shopId,
      settings,
      rollups,
      planned.map((p) => p.period),
      now,
      grid,
    ),
  );
  const snapshots = timedSync("derive", () =>
    planned.map((p, i) => ({
      planned: p,
      values: deriveKpis(p.period, facts[i]!, settings, { cohorts: withCohorts(p) }),
    })),
  );
  return timed("write snapshots", () => writeSnapshots(db, shopId, snapshots, now, write));
}
