/**
 * Gathers the facts of many periods at once: whole local days from the daily rollups, pieces of days
 * from the raw rows, customer set counts from kpi_period_customers, and corrections for periods that end
 * inside a day (see edge-counts.server.ts). No query here reads more than a few days of raw rows, except
 * the period counts missing from the cache.
 *
 * Layer: reading facts (README.md, "Layers").
 */
import { formatCivilMonth, fromDayNumber } from "~/kpi/calendar/civil-date";
import { previousPeriod } from "~/kpi/calendar/compare";
import type { Period } from "~/kpi/calendar/period";
import { yearEndingAt } from "~/kpi/customers";
import { netSalesMinor } from "~/kpi/catalog/sales";
import type { KpiSettings } from "~/kpi/settings";
import { YEAR_DAYS } from "./customer-rows.server";
import { pieceKey, salesOfPieces, undecidedCreations } from "./day-pieces.server";
import type { EdgeCounts } from "./edge-counts.server";
import { cohortEdges, edgeCounts } from "./edge-counts.server";
import type { CustomerGrid } from "./customer-grid";
import type { CustomerFacts, HistoricalFacts, PeriodFacts, YearFacts } from "./facts";
import type { PeriodCustomers } from "./period-customers.server";
import { isLongerThanWindow, pairKey, periodCustomers } from "./period-customers.server";
import type { Rollups, SalesSums } from "./rollups.server";
import { addSales, salesBetween } from "./rollups.server";
import type { Span } from "./spans";
import { isDayStart, localDayNumber, splitSpan } from "./spans";
import type { Db } from "./sql.server";
import { timed, timedSync } from "./profile";

interface EndPoint {
  /** Local day of the end (the day it falls in, or the midnight it is). */
  readonly day: number;
  /** Ends exactly at local midnight `day`. */
  readonly aligned: boolean;
}

export async function gatherFacts(
  db: Db,
  shopId: number,
  settings: KpiSettings,
  rollups: Rollups,
  periods: readonly Period[],
  now: Date,
  /** The shop's customer histograms when already loaded (a full rebuild). */
  grid?: CustomerGrid,
  /** Read only: period counts missing from the cache are computed but not stored. */
  options: { readOnly?: boolean } = {},
): Promise<PeriodFacts[]> {
  const zone = settings.timezone;
  const w = settings.activityWindowDays;
  const endOf = (instant: Date): EndPoint => ({
    day: localDayNumber(instant, zone),
    aligned: isDayStart(instant, zone),
  });
  const startDayOf = (p: Period): number => {
    if (!isDayStart(p.start, zone))
      throw new RangeError(`period ${p.label} does not start at a local midnight`);
    return localDayNumber(p.start, zone);
  };

  // Sales over every span the periods need: P, the previous period (growth) and the 365 days ending at P's end.
  const spans: Span[] = timedSync("spans", () =>
    periods.flatMap((p) => [p, previousPeriod(p), yearEndingAt(p.end, zone)]),
  );
  const allPieces = timedSync("split", () => spans.flatMap((s) => splitSpan(s, zone).pieces));
  const pieces = await timed("pieces", () => salesOfPieces(db, shopId, settings, allPieces));
  const salesOf = (span: Span): SalesSums => {
    const split = splitSpan(span, zone);
    let sums = salesBetween(rollups, split.fromDay, split.toDay);
    for (const piece of split.pieces)
      sums = addSales(sums, pieces.get(pieceKey(piece)) ?? salesBetween(rollups, 0, 0));
    return sums;
  };

  const undecided = await timed("undecided", () =>
    undecidedCreations(db, shopId, now, settings.graceMinutes),
  );
  const within = (instants: Date[], span: Span) =>
    instants.filter((t) => t.getTime() >= span.start.getTime() && t.getTime() < span.end.getTime()).length;

  // Customer counts of whole-day periods [a, D): D is the end, or the midnight before an end inside a day.
  const pairs = periods.map((p) => [startDayOf(p), endOf(p.end).day] as const);
  const counts = await timed("period customers", () => periodCustomers(db, shopId, w, pairs, grid, options));
  // Periods ending inside a day: corrections from that day's rows (and the days their windows start on).
  const edgeKey = (p: Period) => `${startDayOf(p)}|${p.end.toISOString()}`;
  const edgeQueries = new Map<string, { startDay: number; end: Date; long: boolean }>();
  for (const p of periods) {
    const end = endOf(p.end);
    if (end.aligned || edgeQueries.has(edgeKey(p))) continue;
    edgeQueries.set(edgeKey(p), {
      startDay: startDayOf(p),
      end: p.end,
      long: isLongerThanWindow(startDayOf(p), end.day + 1, w),
    });
  }
  const edgeRows = await timed("edges", () => edgeCounts(db, shopId, zone, w, [...edgeQueries.values()]));
  const edges = new Map([...edgeQueries.keys()].map((key, i) => [key, edgeRows[i]!] as const));
  const partialEnds = [
    ...new Map(
      periods.filter((p) => !endOf(p.end).aligned).map((p) => [p.end.toISOString(), p.end]),
    ).values(),
  ];
  const cohortRows = await timed("cohort edges", () =>
    cohortEdges(db, shopId, zone, settings.refundAttribution === "order-date", partialEnds),
  );
  const cohortEdgeByEnd = new Map(partialEnds.map((end, i) => [end.toISOString(), cohortRows[i]!] as const));

  return timedSync("facts", () =>
    periods.map((p) => {
      const a = startDayOf(p);
      const end = endOf(p.end);
      const pair = counts.get(pairKey(a, end.day));
      if (!pair) throw new Error(`no customer counts for ${p.label}`);
      const edge = end.aligned ? null : (edges.get(edgeKey(p)) ?? null);
      return {
        sales: salesOf(p),
        previousNetSalesMinor: netSalesMinor(salesOf(previousPeriod(p))),
        undecidedCheckouts: within(undecided.checkouts, p),
        undecidedCarts: within(undecided.carts, p),
        customers: customerFacts(rollups, w, a, end, pair, edge),
        year: yearFacts(rollups, end, edge, salesOf(yearEndingAt(p.end, zone))),
        historical: historicalFacts(rollups, end.day, cohortEdgeByEnd.get(p.end.toISOString())),
      };
    }),
  );
}

function customerFacts(
  rollups: Rollups,
  w: number,
  a: number,
  end: EndPoint,
  pair: PeriodCustomers,
  edge: EdgeCounts | null,
): CustomerFacts {
  const D = end.day;
  const S = rollups.activeDelta.through(a);
  const alignedE = rollups.activeDelta.through(D);
  const alignedLong = isLongerThanWindow(a, D, w);
  const alignedR = alignedLong ? (pair.retained ?? 0) : pair.orderedActive + alignedE - pair.customers;
  const alignedNe = alignedLong ? (pair.newActiveEnd ?? 0) : pair.newCustomers;
  if (!edge) {
    return {
      customers: pair.customers,
      newCustomers: pair.newCustomers,
      returning: pair.returning,
      activeAtStart: S,
      activeAtEnd: alignedE,
      retained: alignedR,
      newActiveEnd: alignedNe,
    };
  }
  const customers = pair.customers + edge.firstBeforeStart;
  const newCustomers = pair.newCustomers + edge.first;
  const orderedActive = pair.orderedActive + edge.previousInStartWindow;
  const E = alignedE - edge.droppedAtMidnight - edge.previousInEndWindow + edge.last;
  // Longer than W when the window ending inside day D starts after P does (some who ordered in P lapse).
  const long = isLongerThanWindow(a, D + 1, w);
  return {
    customers,
    newCustomers,
    returning: pair.returning + edge.lastRepeat - edge.repeatAfterPeriodRow,
    activeAtStart: S,
    activeAtEnd: E,
    retained: long
      ? alignedR - edge.lostActiveAtStart + edge.gainedActiveAtStart
      : orderedActive + E - customers,
    newActiveEnd: long ? alignedNe - edge.lostNew + edge.gainedNew : newCustomers,
  };
}

function yearFacts(rollups: Rollups, end: EndPoint, edge: EdgeCounts | null, sales: SalesSums): YearFacts {
  const D = end.day;
  const aligned: YearFacts = {
    sales,
    activeCustomers: rollups.activeYearDelta.through(D),
    annualActiveAtStart: rollups.activeYearDelta.through(D - YEAR_DAYS),
    annualRetained: rollups.annualRetainedDelta.through(D),
    newCustomers: rollups.newCustomers.between(D - YEAR_DAYS, D),
  };
  if (!edge) return aligned;
  return {
    sales,
    activeCustomers:
      aligned.activeCustomers - edge.yearDroppedAtMidnight - edge.previousInYearWindow + edge.last,
    annualActiveAtStart:
      aligned.annualActiveAtStart -
      edge.twoYearsDroppedAtMidnight -
      edge.priorYearPreviousFromC730 +
      edge.priorYearLast,
    annualRetained:
      aligned.annualRetained +
      edge.previousInPriorYear -
      edge.priorYearPrevious -
      edge.twoYearsNextBeforeMidnight +
      edge.yearNextBeforeMidnight,
    newCustomers: aligned.newCustomers + edge.first - edge.yearFirst,
  };
}

function historicalFacts(
  rollups: Rollups,
  D: number,
  edge: Map<number, { net: number; customers: number }> | undefined,
): HistoricalFacts {
  const cohorts: { cohort: number; net: number; customers: number }[] = [];
  const days = new Set([...rollups.cohorts.keys(), ...(edge?.keys() ?? [])]);
  for (const cohort of [...days].sort((x, y) => x - y)) {
    const sums = rollups.cohorts.get(cohort);
    const extra = edge?.get(cohort);
    const net = (sums?.net.before(D) ?? 0) + (extra?.net ?? 0);
    const customers = (sums?.customers.before(D) ?? 0) + (extra?.customers ?? 0);
    if (customers > 0) cohorts.push({ cohort, net, customers });
  }
  return {
    netRevenueMinor: cohorts.reduce((sum, c) => sum + c.net, 0),
    customers: cohorts.reduce((sum, c) => sum + c.customers, 0),
    cohorts: cohorts.map((c) => {
      const { year, month } = fromDayNumber(c.cohort);
      return { cohort: formatCivilMonth(year, month), customers: c.customers, netRevenueMinor: c.net };
    }),
  };
}
