import { describe, expect, test } from "vitest";
import { summarizeTransactions } from "~/clv/summary";
import { parseCdnowSample } from "~/clv/cdnow";
import { CALIBRATION_END, sampleCustomers, sampleTransactions, summaryCsvCustomers } from "./support/cdnow";

/**
 * Half-up rounding to cents of the exact decimal value: 18 customers have a zbar of exactly half a cent
 * (e.g. 36.27 / 2 = 18.135), which binary floating point holds as 18.134999…; the CSV rounds it to 18.14.
 */
const round2 = (v: number): number => Math.round(Number((v * 100).toPrecision(12))) / 100;

describe("summary of CDNOW_sample.txt", () => {
  const built = sampleCustomers();
  const published = summaryCsvCustomers();

  test("equals cdnow_customers_summary_with_transactions.csv on x, t_x, T and zbar for all 2,357 customers", () => {
    expect(published).toHaveLength(2357);
    expect(built).toHaveLength(2357);
    const byId = new Map(built.map((c) => [String(Number(c.id)), c]));
    const mismatches: string[] = [];
    for (const expected of published) {
      const actual = byId.get(expected.id);
      const same =
        actual !== undefined &&
        actual.x === expected.x &&
        round2(actual.tx) === expected.tx &&
        round2(actual.T) === expected.T &&
        round2(actual.zbar) === expected.zbar;
      if (!same) mismatches.push(`${expected.id}: ${JSON.stringify(actual)} vs ${JSON.stringify(expected)}`);
    }
    expect(mismatches).toEqual([]);
  });

  test("has the totals SOURCE.md states", () => {
    expect(built.filter((c) => c.x === 0)).toHaveLength(1411);
    expect(built.reduce((sum, c) => sum + c.x, 0)).toBe(2457);
    expect(Math.max(...built.map((c) => c.x))).toBe(29);
  });

  test("counts 272 days of history (1997-01-01 to 1997-09-30)", () => {
    const summary = summarizeTransactions(sampleTransactions(), {
      calibrationEnd: CALIBRATION_END,
      unitDays: 7,
    });
    expect(summary.historyDays).toBe(272);
  });
});

describe("summarizeTransactions", () => {
  const t = (customerId: string, day: string, amount: number) => ({ customerId, day, amount });

  test("merges same-day orders, drops the first day from zbar and ignores orders after the calibration end", () => {
    const { customers } = summarizeTransactions(
      [
        t("a", "2024-01-01", 10),
        t("a", "2024-01-01", 5), // same day: one purchase
        t("a", "2024-01-11", 20),
        t("a", "2024-01-11", 2),
        t("a", "2024-01-31", 30), // the calibration end itself counts
        t("a", "2024-02-01", 99), // after the end
        t("b", "2024-01-31", 7),
        t("c", "2024-02-05", 1), // only after the end: not a customer yet
      ],
      { calibrationEnd: "2024-01-31" },
    );
    expect(customers).toEqual([
      { id: "a", x: 2, tx: 30, T: 30, zbar: 26 },
      { id: "b", x: 0, tx: 0, T: 0, zbar: 0 },
    ]);
  });

  test("works in weeks and keeps the time unit exact in days", () => {
    const { customers, historyDays } = summarizeTransactions(
      [t("a", "2024-02-28", 1), t("a", "2024-03-06", 1)], // across a leap day
      { calibrationEnd: "2024-03-13", unitDays: 7 },
    );
    expect(customers[0]).toMatchObject({ x: 1, tx: 1, T: 2 });
    expect(historyDays).toBe(14);
  });

  test("rejects malformed dates and amounts", () => {
    expect(() => summarizeTransactions([t("a", "2024-02-30", 1)], { calibrationEnd: "2024-03-01" })).toThrow(
      RangeError,
    );
    expect(() => summarizeTransactions([t("a", "2024/01/01", 1)], { calibrationEnd: "2024-03-01" })).toThrow(
      RangeError,
    );
    expect(() =>
      summarizeTransactions([t("a", "2024-01-01", Number.NaN)], { calibrationEnd: "2024-03-01" }),
    ).toThrow();
  });
});

test("the CDNOW sample reader handles CRLF and leading spaces, and rejects malformed lines", () => {
  expect(parseCdnowSample(" 00004 0001 19970101  2   29.33\r\n 00004 0001 19970118  2   29.73\r\n")).toEqual([
    { masterId: "00004", sampleId: "0001", day: "1997-01-01", cds: 2, dollars: 29.33 },
    { masterId: "00004", sampleId: "0001", day: "1997-01-18", cds: 2, dollars: 29.73 },
  ]);
  expect(() => parseCdnowSample("00004 0001 1997-01-01 2 29.33\r\n")).toThrow(SyntaxError);
  expect(parseCdnowSample("")).toEqual([]);
});
