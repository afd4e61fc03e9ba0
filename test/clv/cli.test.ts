import { spawnSync } from "node:child_process";
import path from "node:path";
import { expect, test } from "vitest";
import { PUBLISHED_BGNBD, PUBLISHED_GAMMA_GAMMA, expectWithinRelative } from "./support/cdnow";
import { cdnowFile, repoRoot } from "./support/paths";

const tsx = path.join(repoRoot, "node_modules/.bin/tsx");
const kpi = (...args: string[]) =>
  spawnSync(tsx, ["scripts/kpi.ts", ...args], { cwd: repoRoot, encoding: "utf8" });

interface CliCustomer {
  id: string;
  x: number;
  tx: number;
  T: number;
  pAlive: number;
  expectedPurchases39w: number;
  expectedAvgValue: number;
}

test("kpi fit-clv on CDNOW_sample.txt prints the published fit and per-customer predictions as JSON", () => {
  const run = kpi(
    "fit-clv",
    "--transactions",
    cdnowFile("CDNOW_sample.txt"),
    "--format",
    "cdnow-sample",
    "--calibration-end",
    "1997-09-30",
  );
  expect(run.status, run.stderr).toBe(0);
  const output = JSON.parse(run.stdout) as {
    bgnbd: Record<string, number>;
    gammaGamma: Record<string, number>;
    customers: CliCustomer[];
  };
  for (const key of ["r", "alpha", "a", "b", "logLikelihood"] as const) {
    expectWithinRelative(output.bgnbd[key] ?? NaN, PUBLISHED_BGNBD[key], 0.005);
  }
  for (const key of ["p", "q", "gamma"] as const) {
    expectWithinRelative(output.gammaGamma[key] ?? NaN, PUBLISHED_GAMMA_GAMMA[key], 0.005);
  }
  expect(output.customers).toHaveLength(2357);
  const first = output.customers[0];
  expect(first).toMatchObject({ id: "0001", x: 2 });
  expect(first?.tx).toBeCloseTo(30.43, 2);
  expect(first?.T).toBeCloseTo(38.86, 2);
  expect(first?.expectedPurchases39w).toBeCloseTo(1.226, 2); // FHL 2005's worked example
  for (const c of output.customers) {
    expect(c.pAlive).toBeGreaterThan(0);
    expect(c.pAlive).toBeLessThanOrEqual(1);
    expect(Number.isFinite(c.expectedPurchases39w) && Number.isFinite(c.expectedAvgValue)).toBe(true);
  }
});

test("kpi with an unknown command prints usage on stderr and exits 2", () => {
  const run = kpi("no-such-command");
  expect(run.status).toBe(2);
  expect(run.stderr).toMatch(/usage: kpi <command>/);
  expect(run.stderr).toMatch(/fit-clv/);
  expect(run.stdout).toBe("");
});

test("kpi fit-clv with missing options exits 2 with its own usage", () => {
  const run = kpi("fit-clv", "--format", "cdnow-sample");
  expect(run.status).toBe(2);
  expect(run.stderr).toMatch(/--transactions is required/);
});
