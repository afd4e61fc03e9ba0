/**
 * The nightly predictive CLV job: the SQL transaction summary matches app/clv's summarizeTransactions, too
 * little data is stored as such with its reason, and a fit stores per-customer predictions and a summary.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { summarizeTransactions } from "~/clv/summary";
import { formatCivilDate, fromDayNumber } from "~/kpi/calendar/civil-date";
import { prepareKpiData } from "~/kpi/prepare";
import { resolveSettings } from "~/kpi/settings";
import { customerSummaries } from "~/clv/clv-summary.server";
import { churnRiskSegment, CLV_HORIZON_DAYS, runClvModel } from "~/clv/clv-model.server";
import { CUSTOMER_SEGMENTS, customerSegment } from "~/clv/customer-segment";
import { readModelBacktest } from "~/clv/model-backtest.server";
import { PURCHASE_MODELS } from "~/clv/purchase-models";
import type { ShopBacktest } from "~/clv/shop-backtest.server";
import { recomputeShop } from "~/kpi-engine/recompute.server";
import { localDayNumber } from "~/kpi-engine/spans";
import type { KpiInput, KpiOrder } from "~/kpi/types";
import { refund, sale } from "../kpi/support/builders";
import { seededRandom } from "../../fake-shopify/deterministic";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { randomStore } from "../kpi-engine/support/random-store";
import { createShop, seedInput } from "../kpi-engine/support/seed";

const ZONE = "America/New_York";
const NOW = new Date("2024-06-15T15:00:00Z");

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

/**
 * Customers who buy as the BG/NBD model says (exponential gaps at their own rate, a coin after each
 * purchase decides whether they leave) with their own typical basket, so both models are identified.
 */
function modelStore(seed: number, customers: number): KpiInput {
  const random = seededRandom(seed);
  const gamma = (shape: number): number => {
    // Marsaglia–Tsang for shape ≥ 1, boosted for shape < 1.
    if (shape < 1) return gamma(shape + 1) * Math.pow(random(), 1 / shape);
    const d = shape - 1 / 3;
    for (;;) {
      const u1 = random() || 1e-12;
      const n = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * random());
      const v = Math.pow(1 + n / Math.sqrt(9 * d), 3);
      if (v > 0 && Math.log(random() || 1e-12) < 0.5 * n * n + d - d * v + d * Math.log(v)) return d * v;
    }
  };
  const start = Date.parse("2023-01-01T12:00:00Z");
  const end = Date.parse("2024-06-14T00:00:00Z");
  const orders: KpiOrder[] = [];
  for (let c = 0; c < customers; c++) {
    const rate = gamma(0.8) / 25; // purchases per day
    const leave = gamma(1);
    const dropout = leave / (leave + gamma(3)); // p ~ Beta(1, 3)
    const basket = 2000 * gamma(3);
    let t = start + random() * 300 * 86_400_000;
    for (let n = 0; t < end; n++) {
      orders.push(
        sale(`m${c}-${n}`, new Date(t).toISOString(), `m${c}`, Math.round(basket * (0.5 + random()))),
      );
      if (random() < dropout) break;
      t += (-Math.log(1 - random()) / rate) * 86_400_000;
    }
  }
  return { orders, refunds: [], checkouts: [], carts: [], customers: [] };
}

/** What app/clv's summary makes of the store's counted orders of identified customers, net of their refunds. */
function expectedSummaries(input: KpiInput, calibrationEndDay: number) {
  const data = prepareKpiData(input, resolveSettings({ timezone: ZONE }));
  const refunded = new Map<string, number>();
  for (const r of data.refunds)
    refunded.set(r.order.order.id, (refunded.get(r.order.order.id) ?? 0) + r.refund.linesSubtotalMinor);
  const transactions = data.countedOrders
    .filter((p) => p.customerKey !== null)
    .map((p) => ({
      customerId: p.customerKey!,
      day: formatCivilDate(fromDayNumber(localDayNumber(p.date, ZONE))),
      amount: p.grossMinor - p.order.discountsMinor - (refunded.get(p.order.id) ?? 0),
    }));
  return summarizeTransactions(transactions, {
    calibrationEnd: formatCivilDate(fromDayNumber(calibrationEndDay)),
  }).customers;
}

const shape = (c: { x: number; tx: number; T: number; zbar: number }) => [
  c.x,
  c.tx,
  c.T,
  Math.round(c.zbar * 1e6) / 1e6,
];

describe("nightly CLV model", () => {
  const input = modelStore(31, 400);
  let shopId: number;
  beforeAll(async () => {
    shopId = await createShop(database.prisma, "clv.myshopify.com", ZONE);
    await seedInput(database.prisma, shopId, input);
    await recomputeShop(database.prisma, shopId, { now: NOW });
  });

  it("summarises identified customers per local purchase day as app/clv does", async () => {
    const end = localDayNumber(NOW, ZONE) - 1;
    const actual = await customerSummaries(database.prisma, shopId, end);
    expect(actual.map(shape).sort()).toEqual(expectedSummaries(input, end).map(shape).sort());
    expect(actual.length).toBeGreaterThan(200);
  });

  it("summarises as app/clv does with refunds, uncounted orders, guests, same-day orders and orders after the calibration end", async () => {
    const store = randomStore({ seed: 33, customers: 80, from: new Date("2023-03-01T00:00:00Z"), days: 400 });
    // Three orders on one local day (two of them refunded, one in part), then two more days, one of them
    // after the calibration end; and a customer whose only order comes after it.
    const input = {
      ...store,
      orders: [
        ...store.orders,
        sale("same-1", "2023-10-02T13:00:00Z", "same", 4_000),
        sale("same-2", "2023-10-02T18:00:00Z", "same", 2_500),
        sale("same-3", "2023-10-03T03:30:00Z", "same", 1_000), // 23:30 on Oct 2 in New York
        sale("same-4", "2023-11-20T15:00:00Z", "same", 3_000),
        sale("same-5", "2024-03-01T15:00:00Z", "same", 9_000),
        sale("late-1", "2024-03-02T15:00:00Z", "late", 5_000),
      ],
      refunds: [
        ...store.refunds,
        refund("same-r1", "same-2", "2023-10-05T15:00:00Z", { linesSubtotalMinor: 2_500 }),
        refund("same-r2", "same-4", "2024-02-01T15:00:00Z", { linesSubtotalMinor: 700 }),
      ],
    };
    const shop = await createShop(database.prisma, "clv-edges.myshopify.com", ZONE);
    await seedInput(database.prisma, shop, input);
    await recomputeShop(database.prisma, shop, { now: NOW });
    const end = localDayNumber(new Date("2024-01-31T12:00:00Z"), ZONE);

    const actual = await customerSummaries(database.prisma, shop, end);
    const expected = expectedSummaries(input, end);
    expect(actual.map(shape).sort()).toEqual(expected.map(shape).sort());
    expect(actual.length).toBeGreaterThan(40);
    // Purchase days Oct 2 (4,000 + 0 + 1,000) and Nov 20 (3,000 − 700): x 1, tx 49, zbar 2,300.
    const keyOf = async (name: string) =>
      (await database.prisma.order.findFirstOrThrow({ where: { shopId: shop, name } })).customerKey;
    const sameKey = await keyOf("same-1");
    const same = actual.find((c) => c.id === sameKey);
    expect(same).toMatchObject({ x: 1, tx: 49, zbar: 2_300 });
    const late = await keyOf("late-1");
    expect(late).not.toBeNull();
    expect(actual.some((c) => c.id === late)).toBe(false);
  });

  it("fits the models and stores a prediction per customer and a store summary", async () => {
    const result = await runClvModel(database.prisma, shopId, { now: NOW });
    const run = await database.prisma.clvModelRun.findUniqueOrThrow({ where: { shopId } });
    if (result.status !== "ok") throw new Error(`fit failed: ${result.reason}`);
    expect(run.status).toBe("ok");
    const predictions = await database.prisma.clvPrediction.findMany({ where: { shopId } });
    expect(predictions).toHaveLength(result.customers);
    for (const p of predictions) {
      expect(p.pAlive).toBeGreaterThanOrEqual(0);
      expect(p.pAlive).toBeLessThanOrEqual(1);
      expect(Number.isFinite(p.predictedClv)).toBe(true);
      // The churn_risk column holds the customer's segment (decision 0044), from the row's own figures.
      expect(p.churnRisk).toBe(
        customerSegment({
          pAlive: p.pAlive,
          expectedOrders: p.expectedOrders,
          frequency: p.frequency,
          recencyDays: p.recencyDays,
          ageDays: p.ageDays,
          horizonDays: CLV_HORIZON_DAYS,
        }),
      );
    }
    const summary = run.summary as {
      churnRiskSegments: Record<string, number>;
      segments: Record<string, number>;
      meanClv: number;
      meanExpectedOrders: number;
      quantiles: Record<string, number>;
    };
    expect(Object.values(summary.churnRiskSegments).reduce((a, b) => a + b, 0)).toBe(result.customers);
    expect(summary.meanClv).toBeGreaterThan(0);
    // The store summary describes the stored rows: each customer's own prediction, none mixed up.
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(summary.meanClv).toBeCloseTo(mean(predictions.map((p) => p.predictedClv)), 6);
    expect(summary.meanExpectedOrders).toBeCloseTo(mean(predictions.map((p) => p.expectedOrders)), 9);
    const sorted = predictions.map((p) => p.predictedClv).sort((a, b) => a - b);
    const middle = (sorted.length - 1) / 2;
    expect(summary.quantiles.p50).toBeCloseTo(
      (sorted[Math.floor(middle)]! + sorted[Math.ceil(middle)]!) / 2,
      6,
    );
    for (const risk of ["low", "medium", "high", "lost"]) {
      expect(summary.churnRiskSegments[risk] ?? 0).toBe(
        predictions.filter((p) => churnRiskSegment(p.pAlive) === risk).length,
      );
    }
    for (const segment of CUSTOMER_SEGMENTS)
      expect(summary.segments[segment]).toBe(predictions.filter((p) => p.churnRisk === segment).length);
    const summaries = new Map(
      (await customerSummaries(database.prisma, shopId, localDayNumber(NOW, ZONE) - 1)).map((c) => [c.id, c]),
    );
    for (const p of predictions)
      expect([p.frequency, p.recencyDays, p.ageDays]).toEqual([
        summaries.get(p.customerKey)!.x,
        summaries.get(p.customerKey)!.tx,
        summaries.get(p.customerKey)!.T,
      ]);
  });

  it("backtests every model on the last 13 weeks, keeps the best, and stores its figures", async () => {
    const result = await runClvModel(database.prisma, shopId, { now: NOW });
    if (result.status !== "ok") throw new Error(`fit failed: ${result.reason}`);
    const run = await database.prisma.clvModelRun.findUniqueOrThrow({ where: { shopId } });
    const backtest = run.backtest as ShopBacktest;
    if (backtest.status !== "ok") throw new Error(`backtest skipped: ${backtest.reason}`);
    expect(backtest.weeks).toBe(13);
    expect(backtest.candidates.map((c) => c.model)).toEqual([...PURCHASE_MODELS]);
    const errors = backtest.candidates.map((c) => (c.ok ? c.meanSquaredError : Infinity));
    const best = backtest.candidates[errors.indexOf(Math.min(...errors))];
    expect(run.model).toBe(best?.model);
    expect(backtest.chosen).toBe(run.model);
    expect((run.params as { model: string }).model).toBe(run.model);

    // Actual holdout orders, counted by the app/clv summary of the store's orders at both ends.
    const end = localDayNumber(NOW, ZONE) - 1;
    const before = expectedSummaries(input, end - 91);
    const after = new Map(expectedSummaries(input, end).map((c) => [c.id, c.x]));
    const actual = before.reduce((sum, c) => sum + (after.get(c.id) ?? NaN) - c.x, 0);
    expect(backtest.customers).toBe(before.length);
    for (const c of backtest.candidates) {
      if (!c.ok) continue;
      expect(c.totalActual).toBe(actual);
      expect(c.rows.reduce((sum, row) => sum + row.customers, 0)).toBe(before.length);
      expect(c.totalPredicted).toBeGreaterThan(0);
    }

    // What the customers page reads: the chosen model's predicted and actual repeat orders.
    const summary = await readModelBacktest(database.prisma, shopId);
    const chosen = backtest.candidates.find((c) => c.model === run.model);
    expect(summary).toEqual({
      status: "ok",
      model: run.model,
      modelLabel: expect.any(String),
      weeks: 13,
      predictedRepeatOrders: chosen?.ok ? chosen.totalPredicted : NaN,
      actualRepeatOrders: actual,
    });
  });

  it("skips the backtest with a reason, and fits the default model, when the history before the holdout is short", async () => {
    // Seven months of history: enough for a fit, not with the last 13 weeks held out.
    const early = new Date("2023-08-01T15:00:00Z");
    const result = await runClvModel(database.prisma, shopId, { now: early });
    const run = await database.prisma.clvModelRun.findUniqueOrThrow({ where: { shopId } });
    expect(run.backtest).toMatchObject({
      status: "skipped",
      weeks: 13,
      reason: expect.stringMatching(/too short/),
    });
    expect(result.status).toBe("ok");
    expect(run.model).toBe("bg-nbd");
    expect(await readModelBacktest(database.prisma, shopId)).toMatchObject({ status: "skipped", weeks: 13 });
  });

  it("stores 'insufficient' with the reason, and no predictions, when data is too thin", async () => {
    const thin = await createShop(database.prisma, "thin.myshopify.com", ZONE);
    await seedInput(
      database.prisma,
      thin,
      randomStore({ seed: 32, customers: 20, from: new Date("2024-01-01T00:00:00Z"), days: 150 }),
    );
    await recomputeShop(database.prisma, thin, { now: NOW });
    const result = await runClvModel(database.prisma, thin, { now: NOW });
    expect(result.status).toBe("insufficient");
    const run = await database.prisma.clvModelRun.findUniqueOrThrow({ where: { shopId: thin } });
    expect(run.reason).toMatch(/not enough data/);
    expect(await database.prisma.clvPrediction.count({ where: { shopId: thin } })).toBe(0);
  });
});
