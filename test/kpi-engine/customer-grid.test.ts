import { describe, expect, it } from "vitest";
import { CustomerGrid, NO_NEXT, NO_PREVIOUS } from "~/kpi-engine/customer-grid";

/**
 * Three customers, days 10–20, W = 5 (day numbers):
 *   A orders on 10, 12, 18      B orders on 3, 11      C orders on 15 only
 * Rows (day, previous, next): A (10, –, 12), (12, 10, 18), (18, 12, –); B (3, –, 11), (11, 3, –); C (15, –, –).
 */
const byPrevious = [
  [3, { values: [NO_PREVIOUS], counts: [1] }],
  [10, { values: [NO_PREVIOUS], counts: [1] }],
  [11, { values: [3], counts: [1] }],
  [12, { values: [10], counts: [1] }],
  [15, { values: [NO_PREVIOUS], counts: [1] }],
  [18, { values: [12], counts: [1] }],
] as const;
const repeatByNext = [
  [11, { values: [NO_NEXT], counts: [1] }],
  [12, { values: [18], counts: [1] }],
  [18, { values: [NO_NEXT], counts: [1] }],
] as const;
const firstByNext = [
  [3, { values: [11], counts: [1] }],
  [10, { values: [12], counts: [1] }],
  [15, { values: [NO_NEXT], counts: [1] }],
] as const;
const grid = new CustomerGrid(byPrevious, repeatByNext, firstByNext);

describe("customer grid counts", () => {
  it("counts customers, new ones, those active at the start and returning ones of [10, 13)", () => {
    // A (10, 12) and B (11) ordered; A is new (first order 10). B's previous order (3) is before [5, 10), so
    // nobody ordered while active at the start. A's last order in P (12) is a repeat, as is B's (11).
    expect(grid.counts(10, 13, 5)).toEqual({ customers: 2, newCustomers: 1, orderedActive: 0, returning: 2 });
  });

  it("counts the previous order inside [a − W, a) as ordered while active, and a later next order as still returning", () => {
    // [12, 19): A (12, 18) and C (15) ordered; C is new. A's previous order (10) is in [7, 12): active at the
    // start. Returning: A's last row before 19 is 18 (rank 3); C's only order is its first.
    expect(grid.counts(12, 19, 5)).toEqual({ customers: 2, newCustomers: 1, orderedActive: 1, returning: 1 });
  });

  it("does not count a repeat row whose next order falls inside the period as the customer's last", () => {
    // [12, 13): A's row 12 has its next order on 18, outside P, so it is the last in P and a repeat.
    expect(grid.counts(12, 13, 5).returning).toBe(1);
    // [10, 19): A's row 12 has its next order (18) inside P, so only row 18 counts for A; B's row 11 counts;
    // C has no repeat order.
    expect(grid.counts(10, 19, 5)).toEqual({ customers: 3, newCustomers: 2, orderedActive: 0, returning: 2 });
  });

  it("is all zero for days without rows", () => {
    expect(grid.counts(30, 40, 5)).toEqual({ customers: 0, newCustomers: 0, orderedActive: 0, returning: 0 });
  });

  it("turns the rows into the daily changes of the active, annual and retained counts (W = 5, a 10-day year)", () => {
    const deltas = [...grid.dayDeltas(5, 10)]
      .filter(([, d]) => d.active || d.activeYear || d.annualRetained || d.newCustomers)
      .sort(([a], [b]) => a - b)
      .map(([day, d]) => [day, d.active, d.activeYear, d.annualRetained, d.newCustomers]);
    // Active from the day after an order to min(day + W, next order); the annual count to min(day + 10, next);
    // retained over the year ending at b while the previous order lies in the year before it.
    expect(deltas).toEqual([
      [3, 0, 0, 0, 1], // B's first order
      [4, 1, 1, 0, 0], // B active after day 3 …
      [9, -1, 0, 0, 0], // … until 3 + 5
      [10, 0, 0, 0, 1], // A's first order
      [11, 1, 1, 0, 0], // A (day 10)
      [12, 1, 0, 0, 0], // B again (day 11); B's annual span from day 3 ends at its next order
      [14, 0, 0, 1, 0], // B's day 11 follows day 3: retained from 3 + 10 (exclusive) …
      [15, 0, 0, 0, 1], // C's first order
      [16, 1, 1, 0, 0], // C
      [17, -1, 0, 0, 0], // B lapses after 11 + 5
      [18, -1, 0, 0, 0], // A's day-12 row lapses after 12 + 5, before its next order on 18
      [19, 1, 0, 0, 0], // A's day 18 starts as the day-12 row's annual span ends at it
      [21, -1, 0, 1, 0], // C lapses; A's day 12 follows day 10: retained from 10 + 10 (exclusive)
      [22, 0, -1, -1, 0], // B's annual span ends; … B's retained span ends at 11 + 10
      [24, -1, 0, 0, 0], // A lapses after 18 + 5
      [26, 0, -1, 0, 0], // C's annual span ends
      // (day 23: A's day-12 retained span ends as its day-18 one, 12 + 10 to 18 + 10, begins: no change)
      [29, 0, -1, -1, 0], // A's annual span and its day-18 retained span end
    ]);
  });
});
