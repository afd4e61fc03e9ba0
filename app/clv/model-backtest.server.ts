/**
 * What the customers page says about the chosen model's holdout check: "On your store, the model predicted
 * 1,234 repeat orders for the last 13 weeks; there were 1,180."
 */
import type { Prisma, PrismaClient } from "@prisma/client";
import type { PurchaseModelName } from "./purchase-models";
import { MODEL_LABELS, isPurchaseModelName } from "./purchase-models";

export type ModelBacktestSummary =
  | {
      status: "ok";
      model: PurchaseModelName;
      modelLabel: string;
      weeks: number;
      /** Repeat orders (purchase days) of the customers known at the holdout start, predicted and actual. */
      predictedRepeatOrders: number;
      actualRepeatOrders: number;
    }
  | { status: "skipped"; model: PurchaseModelName; modelLabel: string; weeks: number; reason: string };

const record = (json: unknown): Record<string, unknown> | null =>
  json !== null && typeof json === "object" && !Array.isArray(json)
    ? (json as Record<string, unknown>)
    : null;
const number = (value: unknown): number | null =>
  typeof value === "number" && Number.isFinite(value) ? value : null;

/** The summary of a stored run, or null when it has no backtest to speak of (or one this code cannot read). */
export function modelBacktestSummary(run: {
  model: string;
  backtest: Prisma.JsonValue | null;
}): ModelBacktestSummary | null {
  const backtest = record(run.backtest);
  if (!backtest || !isPurchaseModelName(run.model)) return null;
  const model = run.model;
  const weeks = number(backtest.weeks);
  if (weeks === null) return null;
  if (backtest.status === "skipped" && typeof backtest.reason === "string")
    return { status: "skipped", model, modelLabel: MODEL_LABELS[model], weeks, reason: backtest.reason };
  if (backtest.status !== "ok" || !Array.isArray(backtest.candidates)) return null;
  // The stored model was refitted on all data; its figures are those it earned on the holdout.
  const chosen = backtest.candidates.map(record).find((c) => c?.model === model && c.ok === true);
  const predicted = number(chosen?.totalPredicted);
  const actual = number(chosen?.totalActual);
  if (predicted === null || actual === null) return null;
  return {
    status: "ok",
    model,
    modelLabel: MODEL_LABELS[model],
    weeks,
    predictedRepeatOrders: predicted,
    actualRepeatOrders: actual,
  };
}

export async function readModelBacktest(
  db: PrismaClient,
  shopId: number,
): Promise<ModelBacktestSummary | null> {
  const run = await db.clvModelRun.findUnique({
    where: { shopId },
    select: { status: true, model: true, backtest: true },
  });
  if (!run || run.status !== "ok") return null;
  return modelBacktestSummary(run);
}
