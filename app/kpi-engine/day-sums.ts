/**
 * Running sums over local day numbers: the sum of any day range [a, b) and the running total up to a
 * boundary in O(1). Pure; fed by the daily rollup tables.
 *
 * Layer: reading facts (README.md, "Layers").
 */
export class DaySums {
  private readonly first: number;
  private readonly prefix: Float64Array; // prefix[i] = Σ values of days first … first + i − 1

  constructor(entries: Iterable<readonly [day: number, value: number]>) {
    const list = [...entries];
    this.first = list.length ? Math.min(...list.map(([day]) => day)) : 0;
    const last = list.length ? Math.max(...list.map(([day]) => day)) : -1;
    const values = new Float64Array(Math.max(0, last - this.first + 1));
    for (const [day, value] of list) values[day - this.first] = (values[day - this.first] ?? 0) + value;
    this.prefix = new Float64Array(values.length + 1);
    for (let i = 0; i < values.length; i++) this.prefix[i + 1] = (this.prefix[i] ?? 0) + (values[i] ?? 0);
  }

  /** Σ of the days before `day` (day numbers < day). */
  before(day: number): number {
    const i = Math.min(Math.max(day - this.first, 0), this.prefix.length - 1);
    return this.prefix[i] ?? 0;
  }

  /** Σ of days a ≤ d < b. */
  between(a: number, b: number): number {
    return b <= a ? 0 : this.before(b) - this.before(a);
  }

  /** Σ of days ≤ day: the value at local midnight `day` of a difference array. */
  through(day: number): number {
    return this.before(day + 1);
  }
}
