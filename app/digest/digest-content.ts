/**
 * What a weekly digest says, as plain data: one row per KPI (value, changes, trend, usual range) and
 * the shop's identity. Built from snapshot values only, so it holds aggregates and no customer data.
 */
import type { DigestKpi } from "./digest-kpis";
import { DIGEST_KPIS, changeOf } from "./digest-kpis";
import type { UsualRange } from "./usual-range";
import { outsideRange, usualRange } from "./usual-range";

export interface DigestShop {
  readonly id: number;
  readonly domain: string;
  readonly name: string;
  readonly currency: string;
  readonly timezone: string;
}

export interface DigestWeek {
  /** ISO week name, e.g. 2026-W47. */
  readonly label: string;
  readonly start: Date;
  /** Exclusive. */
  readonly end: Date;
}

export interface DigestRow {
  readonly kpi: DigestKpi;
  readonly value: number | null;
  readonly previous: number | null;
  readonly yearAgo: number | null;
  readonly vsPrevious: number | null;
  readonly vsYearAgo: number | null;
  /** The trend chart's weeks, oldest first, ending with the reported week. */
  readonly trend: readonly (number | null)[];
  readonly usualRange: UsualRange | null;
  readonly outside: "above" | "below" | null;
  /** Content-ID of its chart in the email. */
  readonly chartCid: string;
  /** Why the value is "—" and what would fill it (app/kpi/blank-reason.ts, spend-reason.ts); null with a value. */
  readonly blank: string | null;
  /** A rate's base, e.g. "3 of 41 checkouts abandoned". */
  readonly base: string | null;
}

export interface DigestContent {
  readonly shop: DigestShop;
  readonly week: DigestWeek;
  readonly rows: readonly DigestRow[];
  /** False when the engine has no snapshot of the week at all (a shop without data yet). */
  readonly hasData: boolean;
  readonly dashboardUrl: string;
}

/** Per KPI: the week's value and its comparison values, and its weekly history (oldest first). */
export interface DigestInputs {
  readonly current: ReadonlyMap<string, number | null>;
  readonly previous: ReadonlyMap<string, number | null>;
  readonly yearAgo: ReadonlyMap<string, number | null>;
  /** The weeks before the reported one (for the usual range) followed by the reported week. */
  readonly history: ReadonlyMap<string, readonly (number | null)[]>;
  /** Per KPI: why its value is blank, or the base of its rate. */
  readonly notes?: ReadonlyMap<string, { readonly blank: string | null; readonly base: string | null }>;
}

export function digestRows(
  inputs: DigestInputs,
  trendWeeks: number,
  rangeWeeks: number,
  cidSuffix: string,
  kpis: readonly DigestKpi[] = DIGEST_KPIS,
): DigestRow[] {
  return kpis.map((kpi) => {
    const value = inputs.current.get(kpi.key) ?? null;
    const previous = inputs.previous.get(kpi.key) ?? null;
    const yearAgo = inputs.yearAgo.get(kpi.key) ?? null;
    const history = inputs.history.get(kpi.key) ?? [];
    const before = history.slice(Math.max(0, history.length - 1 - rangeWeeks), -1);
    const range = usualRange(before);
    return {
      kpi,
      value,
      previous,
      yearAgo,
      vsPrevious: changeOf(kpi.kind, value, previous),
      vsYearAgo: changeOf(kpi.kind, value, yearAgo),
      trend: history.slice(-trendWeeks),
      usualRange: range,
      outside: outsideRange(value, range),
      chartCid: `trend-${kpi.key.replace(/_/g, "-")}.${cidSuffix}`,
      blank: value === null ? (inputs.notes?.get(kpi.key)?.blank ?? null) : null,
      base: inputs.notes?.get(kpi.key)?.base ?? null,
    };
  });
}
