/**
 * The nightly predictive CLV of one shop: backtest the purchase models on its own history (shop-backtest),
 * fit the best one + Gamma-Gamma (this folder) on its identified customers up to yesterday, store
 * per-customer predictions, a store-level summary and the backtest, or the reason there is too little data
 * (then no prediction is shown: docs/kpi-definitions.md, "Predictive CLV").
 */
import { Prisma, type PrismaClient } from "@prisma/client";
import type { SettingsOverrides } from "~/kpi-engine/settings.server";
import { loadShopContext } from "~/kpi-engine/settings.server";
import { localDayNumber } from "~/kpi-engine/spans";
import { customerSummaries } from "./clv-summary.server";
import type { ClvCompute } from "./clv-compute";
import { inPlaceCompute } from "./clv-compute";
import type { CustomerSegment } from "./customer-segment";
import { CUSTOMER_SEGMENTS } from "./customer-segment";
import { storeCustomerFacts } from "./customer-facts.server";
import { assessFitData } from "./fit-guard";
import type { ShopBacktest } from "./shop-backtest.server";
import { backtestShop, modelRanking } from "./shop-backtest.server";

export const CLV_HORIZON_DAYS = 365;

/** Predictions per INSERT: each chunk's JSON is built, sent and parsed whole, so its size bounds the job's peak memory. */
const STORE_CHUNK = 5_000;

export type ChurnRisk = "low" | "medium" | "high" | "lost";

/** Churn risk = 1 − P(alive), in segments a merchant can act on. */
export function churnRiskSegment(pAlive: number): ChurnRisk {
  const risk = 1 - pAlive;
  if (risk < 0.3) return "low";
  if (risk < 0.6) return "medium";
  if (risk < 0.9) return "high";
  return "lost";
}

export interface ClvRunResult {
  readonly status: "ok" | "insufficient" | "failed";
  readonly reason?: string;
  readonly customers: number;
  readonly fitMs?: number;
  readonly model?: string;
  readonly backtest?: ShopBacktest["status"];
}

function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return 0;
  const i = (sorted.length - 1) * q;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return (sorted[lo] ?? 0) + ((sorted[hi] ?? 0) - (sorted[lo] ?? 0)) * (i - lo);
}

export async function runClvModel(
  prisma: PrismaClient,
  shopId: number,
  options: { now?: Date; settings?: SettingsOverrides; compute?: ClvCompute } = {},
): Promise<ClvRunResult> {
  const compute = options.compute ?? inPlaceCompute;
  const now = options.now ?? new Date();
  const { settings } = await loadShopContext(prisma, shopId, options.settings);
  const calibrationEnd = localDayNumber(now, settings.timezone) - 1; // the last complete local day
  const customers = await customerSummaries(prisma, shopId, calibrationEnd);
  const assessment = assessFitData(customers, 1);
  const base = {
    calibrationEnd: new Date(calibrationEnd * 86_400_000),
    customers: customers.length,
    repeatCustomers: assessment.repeatCustomers,
    historyDays: Math.round(assessment.historyDays),
    fittedAt: now,
  };

  const started = performance.now();
  // Only a shop with enough data for a fit at all can spare the last weeks for a holdout.
  const backtest = assessment.sufficient
    ? await backtestShop(prisma, shopId, calibrationEnd, customers, compute)
    : null;
  const backtestJson = backtest === null ? Prisma.DbNull : (backtest as unknown as Prisma.InputJsonValue);
  const clvOptions = {
    unitDays: 1,
    horizonDays: CLV_HORIZON_DAYS,
    margin: settings.grossMarginPct === null ? 1 : settings.grossMarginPct / 100,
  };
  // The backtest's best model, refitted on all data (or the next best), and every customer's prediction.
  const backtestMs = performance.now() - started;
  const outcome = await compute.fitAndPredict(customers, modelRanking(backtest), clvOptions);
  // The run reports the backtest and the fitting as its fit time, not the predictions.
  const fitMs = backtestMs + outcome.fitMs;
  if (outcome.predictions === null) {
    const { fit } = outcome;
    const status = assessment.sufficient ? "failed" : "insufficient";
    await prisma.$transaction([
      prisma.clvPrediction.deleteMany({ where: { shopId } }),
      prisma.clvModelRun.upsert({
        where: { shopId },
        create: { shopId, status, reason: fit.reason, backtest: backtestJson, ...base },
        update: {
          status,
          reason: fit.reason,
          params: Prisma.DbNull,
          summary: Prisma.DbNull,
          backtest: backtestJson,
          ...base,
        },
      }),
    ]);
    return { status, reason: fit.reason, customers: customers.length, fitMs, backtest: backtest?.status };
  }

  const { fit, predictions } = outcome;
  const n = customers.length;
  const { pAlive, expectedOrders, expectedOrderValue, clv, segments: segmentOf } = predictions;
  const values = clv.slice().sort();
  const segments: Record<ChurnRisk, number> = { low: 0, medium: 0, high: 0, lost: 0 };
  for (const p of pAlive) segments[churnRiskSegment(p)] += 1;
  const customerSegments = Object.fromEntries(CUSTOMER_SEGMENTS.map((s) => [s, 0])) as Record<
    CustomerSegment,
    number
  >;
  for (const s of segmentOf) customerSegments[s] += 1;
  const total = values.reduce((sum, v) => sum + v, 0);
  const summary = {
    horizonDays: CLV_HORIZON_DAYS,
    // The margin the values are weighted by (1: revenue), so a page can tell a fit older than the setting.
    margin: clvOptions.margin,
    meanClv: total / n,
    totalClv: total,
    meanExpectedOrders: expectedOrders.reduce((sum, v) => sum + v, 0) / n,
    quantiles: Object.fromEntries(
      [0.1, 0.25, 0.5, 0.75, 0.9, 0.99].map((q) => [`p${Math.round(q * 100)}`, quantile(values, q)]),
    ),
    churnRiskSegments: segments,
    segments: customerSegments,
  };
  const { purchases } = fit;
  const params = {
    unit: "days",
    model: purchases.name,
    purchases: { ...purchases.params, logLikelihood: purchases.logLikelihood },
    // The key readers of BG/NBD runs knew before the other models existed.
    ...(purchases.name === "bg-nbd"
      ? { bgnbd: { ...purchases.params, logLikelihood: purchases.logLikelihood } }
      : {}),
    gammaGamma: { ...fit.gammaGamma },
  };

  await prisma.$transaction(
    async (tx) => {
      await tx.clvPrediction.deleteMany({ where: { shopId } });
      for (let from = 0; from < n; from += STORE_CHUNK) {
        const json = JSON.stringify(
          customers.slice(from, from + STORE_CHUNK).map((c, j) => {
            const i = from + j;
            return {
              k: c.id,
              x: c.x,
              r: c.tx,
              a: c.T,
              pa: pAlive[i],
              eo: expectedOrders[i],
              ev: expectedOrderValue[i],
              v: clv[i],
              // The churn_risk column holds the customer's segment (decision 0044).
              s: segmentOf[i],
            };
          }),
        );
        await tx.$executeRaw`
          INSERT INTO clv_prediction (shop_id, customer_key, frequency, recency_days, age_days, p_alive, expected_orders,
            expected_order_value, predicted_clv, churn_risk)
          SELECT ${shopId}, k, x, r, a, pa, eo, ev, v, s FROM json_to_recordset(${json}::json)
            AS j(k text, x int, r int, a int, pa float8, eo float8, ev float8, v float8, s text)`;
      }
      await storeCustomerFacts(tx, shopId, calibrationEnd);
      const stored = {
        status: "ok" as const,
        reason: null,
        model: purchases.name,
        params,
        summary,
        backtest: backtestJson,
      };
      await tx.clvModelRun.upsert({
        where: { shopId },
        create: { shopId, ...stored, ...base },
        update: { ...stored, ...base },
      });
    },
    { timeout: 10 * 60_000 },
  );
  return {
    status: "ok",
    customers: customers.length,
    fitMs,
    model: purchases.name,
    backtest: backtest?.status,
  };
}
