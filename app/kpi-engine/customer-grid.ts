/**
 * The shop's customer-order rows reduced to histograms per local day: how many rows of that day have each
 * previous-order day, and how many (repeat and first) rows have each next-order day. Every whole-day period's
 * customer counts (customers, new, returning, and those ordering while active at the start:
 * docs/kpi-definitions.md, Customers) are sums over the period's days of "how many have a previous (next) day
 * below (at or above) a bound", and the daily customer difference arrays (customer-rows.server.ts) are sums
 * over the same histograms, so one read answers all of a full rebuild's periods instead of a scan per period.
 * Pure.
 *
 * Layer: writing rollups (daily deltas) and reading facts (whole-day period counts) (README.md, "Layers").
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
    return entry ? (entry.cumulative[entry.cumulative.length - 1] ?? 0) : 0;
  }
}

export interface GridCounts {
  readonly customers: number;
  readonly newCustomers: number;
  readonly orderedActive: number;
  readonly returning: number;
}

/** One local day's changes of the difference arrays of kpi_customer_day. */
export interface CustomerDayDelta {
  active: number;
  activeYear: number;
  annualRetained: number;
  newCustomers: number;
}

type Histograms = Iterable<readonly [number, DayHistogram]>;

export class CustomerGrid {
  private readonly previous: Counter;
  private readonly next: Counter;
  private readonly byPrevious: readonly (readonly [number, DayHistogram])[];
  private readonly byNext: readonly (readonly [number, DayHistogram])[];

  /**
   * `byPrevious`: per day, the rows' previous-order days (NO_PREVIOUS for a first order);
   * `repeatByNext` and `firstByNext`: per day, the next-order days (NO_NEXT for none) of the rows that are
   * not (are) a customer's first order.
   */
  constructor(byPrevious: Histograms, repeatByNext: Histograms, firstByNext: Histograms = []) {
    this.byPrevious = [...byPrevious];
    const repeats = [...repeatByNext];
    this.byNext = [...repeats, ...firstByNext];
    this.previous = new Counter(this.byPrevious);
    this.next = new Counter(repeats);
  }

  /**
   * The per-day changes of kpi_customer_day for window W (the same definition as contributionsSql in
   * customer-rows.server.ts): a row makes its customer active at the midnights after its day up to
   * min(day + W, next day) (and + 365 for the annual figure); retained over the year ending at b when its
   * previous order lies in the year before; new on the day of a first order.
   */
  dayDeltas(windowDays: number, yearDays: number): Map<number, CustomerDayDelta> {
    const out = new Map<number, CustomerDayDelta>();
    const at = (day: number) => {
      let delta = out.get(day);
      if (!delta) out.set(day, (delta = { active: 0, activeYear: 0, annualRetained: 0, newCustomers: 0 }));
      return delta;
    };
    for (const [day, { values, counts }] of this.byNext) {
      values.forEach((next, i) => {
        const n = counts[i]!;
        if (next !== NO_NEXT && next <= day) return; // a later order the same day: not the customer's last
        const start = at(day + 1);
        start.active += n;
        start.activeYear += n;
        at(Math.min(day + windowDays, next) + 1).active -= n;
        at(Math.min(day + yearDays, next) + 1).activeYear -= n;
      });
    }
    for (const [day, { values, counts }] of this.byPrevious) {
      values.forEach((previous, i) => {
        const n = counts[i]!;
        if (previous === NO_PREVIOUS) {
          at(day).newCustomers += n;
          return;
        }
        const from = Math.max(day, previous + yearDays);
        const to = Math.min(day + yearDays, previous + 2 * yearDays);
        if (from >= to) return;
        at(from + 1).annualRetained += n;
        at(to + 1).annualRetained -= n;
      });
    }
    return out;
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
