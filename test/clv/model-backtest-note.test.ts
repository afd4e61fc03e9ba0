import { expect, test } from "vitest";
import { modelBacktestSummary } from "~/clv/model-backtest.server";
import { modelBacktestSentence } from "~/components/ModelBacktestNote";
import { translatorFor } from "~/i18n/catalog.server";

const en = translatorFor("en");

const stored = {
  status: "ok",
  weeks: 13,
  candidates: [
    { model: "bg-nbd", ok: true, totalPredicted: 1300.2, totalActual: 1180, meanSquaredError: 0.9 },
    { model: "pareto-nbd", ok: true, totalPredicted: 1234.4, totalActual: 1180, meanSquaredError: 0.8 },
    { model: "mbg-nbd", ok: false, reason: "did not converge" },
  ],
};

test("the customers page sentence gives the chosen model's predicted and actual repeat orders", () => {
  const summary = modelBacktestSummary({ model: "pareto-nbd", backtest: stored });
  expect(summary).toMatchObject({ status: "ok", modelLabel: "Pareto/NBD", predictedRepeatOrders: 1234.4 });
  expect(summary && modelBacktestSentence(summary, en)).toBe(
    "On your store, the model predicted 1,234 repeat orders for the last 13 weeks; there were 1,180.",
  );
});

test("a skipped check says so; an unreadable or mismatched record says nothing", () => {
  const skipped = modelBacktestSummary({
    model: "bg-nbd",
    backtest: { status: "skipped", weeks: 13, reason: "too short" },
  });
  expect(skipped && modelBacktestSentence(skipped, en)).toMatch(/Not enough order history yet/);
  expect(modelBacktestSummary({ model: "bg-nbd", backtest: null })).toBeNull();
  expect(modelBacktestSummary({ model: "mbg-nbd", backtest: stored })).toBeNull(); // its fit failed
  expect(modelBacktestSummary({ model: "no-such-model", backtest: stored })).toBeNull();
  expect(modelBacktestSummary({ model: "bg-nbd", backtest: [1, 2] })).toBeNull();
});
