import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, test } from "vitest";
import {
  CALIBRATION_END,
  PUBLISHED_BGNBD,
  PUBLISHED_PARETO_NBD,
  REFERENCE_MBG_NBD,
  expectWithinRelative,
  sampleTransactions,
} from "./support/cdnow";
import { cdnowFile, repoRoot } from "./support/paths";

const tsx = path.join(repoRoot, "node_modules/.bin/tsx");
const fitClv = (...args: string[]) =>
  spawnSync(
    tsx,
    [
      "scripts/kpi.ts",
      "fit-clv",
      "--transactions",
      cdnowFile("CDNOW_sample.txt"),
      "--format",
      "cdnow-sample",
      "--calibration-end",
      CALIBRATION_END,
      ...args,
    ],
    { cwd: repoRoot, encoding: "utf8" },
  );

interface Output {
  model: string;
  params: Record<string, number>;
  logLikelihood: number;
  bgnbd?: Record<string, number>;
  gammaGamma: Record<string, number>;
  backtest?: {
    holdoutWeeks: number;
    customers: number;
    byCalibrationPurchases: {
      calibrationPurchases: string;
      customers: number;
      meanActual: number;
      meanPredicted: number;
    }[];
    totalActual: number;
    totalPredicted: number;
    meanAbsoluteError: number;
  };
  customers: { id: string; x: number; T: number; pAlive: number; expectedPurchases39w: number }[];
}

function run(...args: string[]): Output {
  const result = fitClv(...args);
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Output;
}

describe.each([
  ["pareto-nbd", PUBLISHED_PARETO_NBD, ["r", "alpha", "s", "beta"], 0.005],
  ["mbg-nbd", REFERENCE_MBG_NBD, ["r", "alpha", "a", "b"], 0.01],
] as const)("fit-clv --model %s", (model, published, names, tolerance) => {
  const reference: Record<string, number> = published;
  test("prints the model's CDNOW fit with parameters named as in its paper", () => {
    const output = run("--model", model);
    expect(output.model).toBe(model);
    expect(Object.keys(output.params).sort()).toEqual([...names].sort());
    for (const name of names)
      expectWithinRelative(output.params[name] ?? NaN, reference[name] ?? NaN, tolerance);
    if ("logLikelihood" in reference)
      expectWithinRelative(output.logLikelihood, reference.logLikelihood, tolerance);
    expect(output.bgnbd).toBeUndefined();
    expect(Object.keys(output.gammaGamma).sort()).toEqual(["gamma", "p", "q"]);
    expect(output.customers).toHaveLength(2357);
    // Unlike BG/NBD, one-time buyers are not all certainly alive, and less so the longer ago they bought.
    const oneTime = output.customers.filter((c) => c.x === 0).sort((u, v) => u.T - v.T);
    const first = oneTime[0];
    const last = oneTime[oneTime.length - 1];
    expect(first && last && last.T > first.T).toBe(true);
    expect(last?.pAlive).toBeLessThan(first?.pAlive ?? 0);
    for (const c of oneTime) expect(c.pAlive).toBeLessThan(1);
  });
});

test("fit-clv keeps BG/NBD as the default, with the output it always had", () => {
  const output = run();
  expect(output.model).toBe("bg-nbd");
  for (const key of ["r", "alpha", "a", "b"] as const) {
    expectWithinRelative(output.params[key] ?? NaN, PUBLISHED_BGNBD[key], 0.005);
    expect(output.bgnbd?.[key]).toBe(output.params[key]);
  }
  expect(output.bgnbd?.logLikelihood).toBe(output.logLikelihood);
  expect(output.backtest).toBeUndefined();
});

/** Repeat purchase days per calibration customer after the calibration end, counted straight from the file. */
function holdoutPurchaseDays(holdoutEnd: string): Map<string, number> {
  const days = new Map<string, Set<string>>();
  const calibrationCustomers = new Set<string>();
  for (const t of sampleTransactions()) {
    if (t.day <= CALIBRATION_END) calibrationCustomers.add(t.customerId);
    else if (t.day <= holdoutEnd) days.set(t.customerId, (days.get(t.customerId) ?? new Set()).add(t.day));
  }
  return new Map([...calibrationCustomers].map((id) => [id, days.get(id)?.size ?? 0]));
}

test("--holdout-end adds the backtest: actual vs predicted by calibration purchases, totals and error", () => {
  const output = run("--model", "pareto-nbd", "--holdout-end", "1998-06-30");
  const backtest = output.backtest;
  if (!backtest) throw new Error("no backtest in the output");
  expect(backtest.holdoutWeeks).toBe(39);
  expect(backtest.customers).toBe(2357);
  expect(backtest.byCalibrationPurchases.map((row) => row.calibrationPurchases)).toEqual([
    "0",
    "1",
    "2",
    "3",
    "4",
    "5",
    "6",
    "7+",
  ]);

  // Actuals counted independently; the 39-week predictions are the customers' own expectedPurchases39w.
  const actual = holdoutPurchaseDays("1998-06-30");
  const bucket = (x: number) => (x >= 7 ? "7+" : String(x));
  let totalActual = 0;
  let totalPredicted = 0;
  let absoluteError = 0;
  for (const row of backtest.byCalibrationPurchases) {
    const members = output.customers.filter((c) => bucket(c.x) === row.calibrationPurchases);
    expect(row.customers).toBe(members.length);
    const sumActual = members.reduce((sum, c) => sum + (actual.get(c.id) ?? NaN), 0);
    const sumPredicted = members.reduce((sum, c) => sum + c.expectedPurchases39w, 0);
    expect(row.meanActual).toBeCloseTo(sumActual / members.length, 10);
    expect(row.meanPredicted).toBeCloseTo(sumPredicted / members.length, 10);
  }
  for (const c of output.customers) {
    const a = actual.get(c.id) ?? NaN;
    totalActual += a;
    totalPredicted += c.expectedPurchases39w;
    absoluteError += Math.abs(a - c.expectedPurchases39w);
  }
  expect(backtest.totalActual).toBe(totalActual);
  expect(backtest.totalPredicted).toBeCloseTo(totalPredicted, 6);
  expect(backtest.meanAbsoluteError).toBeCloseTo(absoluteError / 2357, 10);
  // The model is not told the holdout, yet it tracks it: customers who bought more before buy more after.
  const means = backtest.byCalibrationPurchases.map((row) => row.meanPredicted);
  for (let i = 1; i < means.length; i++) expect(means[i]).toBeGreaterThan(means[i - 1] ?? 0);
  expect(backtest.totalPredicted / backtest.totalActual).toBeGreaterThan(0.8);
  expect(backtest.totalPredicted / backtest.totalActual).toBeLessThan(1.2);
});

test("fit-clv rejects an unknown model and a holdout that ends before the calibration", () => {
  const unknown = fitClv("--model", "bg-nbd-2");
  expect(unknown.status).toBe(2);
  expect(unknown.stderr).toMatch(/unknown --model "bg-nbd-2"/);
  const backwards = fitClv("--holdout-end", "1997-01-31");
  expect(backwards.status).toBe(2);
  expect(backwards.stderr).toMatch(/--holdout-end must be after --calibration-end/);
  expect(backwards.stdout).toBe("");
});
