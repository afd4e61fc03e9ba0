import { expect, test } from "vitest";
import { joinHoldout } from "~/clv/backtest";
import { chooseModelByBacktest } from "~/clv/model-selection";
import { summarizeTransactions } from "~/clv/summary";
import { CALIBRATION_END, sampleTransactions } from "./support/cdnow";

test("on CDNOW, every model is backtested and the one with the least squared holdout error is chosen", () => {
  const transactions = sampleTransactions();
  const calibration = summarizeTransactions(transactions, { calibrationEnd: CALIBRATION_END, unitDays: 7 });
  const through = summarizeTransactions(transactions, { calibrationEnd: "1998-06-30", unitDays: 7 });
  const choice = chooseModelByBacktest(joinHoldout(calibration.customers, through.customers), 39);
  if (!choice.ok) throw new Error(choice.reason);
  expect(choice.candidates.map((c) => c.model)).toEqual(["bg-nbd", "pareto-nbd", "mbg-nbd"]);
  const errors = choice.candidates.map((c) => (c.ok ? c.backtest.meanSquaredError : Infinity));
  errors.forEach((e) => expect(Number.isFinite(e)).toBe(true));
  const chosen = choice.candidates.find((c) => c.model === choice.chosen);
  expect(chosen?.ok && chosen.backtest.meanSquaredError).toBe(Math.min(...errors));
  for (const c of choice.candidates) if (c.ok) expect(c.backtest.totalActual).toBe(1882);
});

test("a holdout with fewer purchases than the calibration is refused (the summaries do not belong together)", () => {
  expect(() =>
    joinHoldout([{ id: "a", x: 2, tx: 3, T: 5, zbar: 1 }], [{ id: "a", x: 1, tx: 3, T: 9, zbar: 1 }]),
  ).toThrow(/fewer purchases/);
});

test("when no model can be fitted, the choice says why for each", () => {
  const choice = chooseModelByBacktest(
    [
      { x: 0, tx: 0, T: 10, holdoutPurchases: 0 },
      { x: 0, tx: 0, T: 12, holdoutPurchases: 1 },
    ],
    13,
  );
  expect(choice.ok).toBe(false);
  if (!choice.ok) expect(choice.reason).toMatch(/BG\/NBD: .*Pareto\/NBD: .*MBG\/NBD: /);
});
