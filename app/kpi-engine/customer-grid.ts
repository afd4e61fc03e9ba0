/**
 * The shop's customer-order rows reduced to two histograms per local day: how many rows of that day have
 * each previous-order day, and how many repeat rows have each next-order day. Every whole-day period's
 * customer counts (KPI-SPEC customers, new, returning, and those ordering while active at the start) are
 * sums over the period's days of "how many have a previous (next) day below (at or above) a bound", so
 * one read of the histograms answers all of a full rebuild's periods instead of a scan per period. Pure.
 */

/** Sorted values of one day with running counts: cumulative[i] = rows with a value ≤ values[i]. */
export interface DayHistogram {
  readonly values: readonly number[];
  readonly counts: readonly number[];
}

/** A missing previous order sorts before every day; a missing next order after every day. */
export const NO_PREVIOUS = -1_000_000;
export const NO_NEXT = 1_000_000;

class Counter {
  private readonly days = new Map<number, { values: readonly number[]; cumulative: Int32Array }>();

  constructor(histograms: Iterable<readonly [day: number, histogram: DayHistogram]>) {
    for (const [day, { values, counts }] of histograms) {
      const cumulative = new Int32Array(counts.length);
      let total = 0;
      counts.forEach((n, i) => (cumulative[i] = total += n));
      this.days.set(day, { values, cumulative });
    }
  }

  /** Rows of `day` whose value is < x. */
  below(day: number, x: number): number {
    const entry = this.days.get(day);
    if (!entry) return 0;
    // first index with values[i] ≥ x
    let lo = 0;
    let hi = entry.values.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (entry.values[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? 0 : entry.cumulative[lo - 1]!;
  }

  /** All rows of `day`. */
  total(day: number): number {
    const entry = this.days.get(day);
    return entry ? entry.cumulative[entry.cumulative.length - 1] ?? 0 : 0;
  }
}

export interface GridCounts {
  readonly customers: number;
  readonly newCustomers: number;
  readonly orderedActive: number;
  readonly returning: number;
}

export class CustomerGrid {
  private readonly previous: Counter;
  private readonly next: Counter;

  /**
   * `byPrevious`: per day, the rows' previous-order days (NO_PREVIOUS for a first order);
   * `repeatByNext`: per day, the next-order days (NO_NEXT for none) of rows that are not a first order.
   */
  constructor(
    byPrevious: Iterable<readonly [number, DayHistogram]>,
    repeatByNext: Iterable<readonly [number, DayHistogram]>,
  ) {
    this.previous = new Counter(byPrevious);
    this.next = new Counter(repeatByNext);
  }

  /** Counts of the whole-day period [a, b) with activity window W days (see period-customers.server.ts). */
  counts(a: number, b: number, windowDays: number): GridCounts {
    let customers = 0;
    let newCustomers = 0;
    let orderedActive = 0;
    let returning = 0;
    for (let d = a; d < b; d++) {
      const beforeStart = this.previous.below(d, a); // first orders included
      customers += beforeStart;
      newCustomers += this.previous.below(d, NO_PREVIOUS + 1);
      orderedActive += beforeStart - this.previous.below(d, a - windowDays);
      returning += this.next.total(d) - this.next.below(d, b);
    }
    return { customers, newCustomers, orderedActive, returning };
  }
}
