import { expect, test } from "vitest";
import { minimizeNelderMead } from "~/clv/optimize";

test("finds the minimum of the Rosenbrock valley", () => {
  const rosenbrock = ([x = 0, y = 0]: readonly number[]): number => 100 * (y - x * x) ** 2 + (1 - x) ** 2;
  const result = minimizeNelderMead(rosenbrock, [-1.2, 1]);
  expect(result.converged).toBe(true);
  expect(result.x[0]).toBeCloseTo(1, 6);
  expect(result.x[1]).toBeCloseTo(1, 6);
});

test("treats non-finite values as infeasible and stays out of that region", () => {
  // Only defined for z > 0; the minimum 0 is at z = (2, 2, 2, 2).
  const f = (z: readonly number[]): number =>
    z.some((v) => v <= 0) ? Number.NaN : z.reduce((sum, v) => sum + (Math.log(v) - Math.log(2)) ** 2, 0);
  const result = minimizeNelderMead(f, [1, 1, 1, 1], { initialStep: 1 });
  expect(result.value).toBeLessThan(1e-12);
  for (const v of result.x) expect(v).toBeCloseTo(2, 5);
});

test("is deterministic", () => {
  const f = ([x = 0, y = 0]: readonly number[]): number => (x - 3) ** 2 + 10 * (y + 1) ** 2 + Math.sin(5 * x);
  expect(minimizeNelderMead(f, [0, 0])).toEqual(minimizeNelderMead(f, [0, 0]));
});
