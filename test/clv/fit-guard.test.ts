import { expect, test } from "vitest";
import { assessFitData } from "~/clv/fit-guard";
import { fitBgNbd } from "~/clv/bgnbd";
import { fitClvModels } from "~/clv/fit-clv-models";
import { degenerateParameter } from "~/clv/fit-checks";
import { sampleCustomers } from "./support/cdnow";

const customer = (x: number, tx: number, T: number) => ({ id: "c", x, tx, T, zbar: x > 0 ? 10 : 0 });

test("all x = 0 is not enough data, and the BG/NBD fit itself refuses it", () => {
  const none = Array.from({ length: 500 }, () => customer(0, 0, 300));
  expect(assessFitData(none, 1)).toMatchObject({ sufficient: false, repeatCustomers: 0 });
  expect(fitBgNbd(none)).toEqual({ ok: false, reason: expect.stringMatching(/repeat purchase/) });
  expect(fitClvModels(none, 1)).toMatchObject({
    ok: false,
    reason: expect.stringMatching(/not enough data/),
  });
});

test("fewer than 100 repeat customers or 180 days of history is not enough by default; thresholds are parameters", () => {
  const few = [...Array.from({ length: 99 }, () => customer(1, 10, 300)), customer(0, 0, 300)];
  expect(assessFitData(few, 1)).toMatchObject({
    sufficient: false,
    reason: expect.stringMatching(/99 customers/),
  });
  expect(assessFitData(few, 1, { minRepeatCustomers: 50 })).toMatchObject({ sufficient: true });

  const young = Array.from({ length: 200 }, () => customer(1, 10, 179));
  expect(assessFitData(young, 1)).toMatchObject({
    sufficient: false,
    reason: expect.stringMatching(/179 days/),
  });
  expect(assessFitData(young, 1, { minHistoryDays: 90 })).toMatchObject({ sufficient: true });
  // T in weeks is converted to days.
  expect(
    assessFitData(
      Array.from({ length: 200 }, () => customer(1, 1, 26)),
      7,
    ),
  ).toMatchObject({ historyDays: 182 });
});

test("CDNOW (946 repeat customers, 272 days) is enough", () => {
  expect(assessFitData(sampleCustomers(), 7)).toEqual({
    sufficient: true,
    repeatCustomers: 946,
    historyDays: 272,
  });
});

test("degenerate parameters are reported instead of returned", () => {
  expect(degenerateParameter({ r: 1, a: 1e-9 }, ["r", "a"])).toMatch(/a = .*boundary/);
  expect(degenerateParameter({ r: Number.NaN }, ["r"])).toMatch(/not a finite/);
  expect(degenerateParameter({ r: 0.2, a: 3 }, ["r", "a"])).toBeUndefined();
});

test("a shop where nobody ever drops out runs a to 0, and the fit says so instead of returning it", () => {
  // Everyone buys at a steady pace right up to the end: no sign of dropout, so the MLE of a is 0.
  const steady = Array.from({ length: 300 }, (_, i) => customer(5 + (i % 5), 300, 300));
  const fit = fitBgNbd(steady);
  expect(fit.ok).toBe(false);
  if (!fit.ok) expect(fit.reason).toMatch(/boundary|converge/);
});

test("invalid observations are rejected, not fitted", () => {
  expect(() => fitBgNbd([customer(1, 20, 10)])).toThrow(RangeError);
  expect(() => fitBgNbd([customer(-1, 0, 10)])).toThrow(RangeError);
  expect(() => fitBgNbd([customer(0, 5, 10)])).toThrow(RangeError);
});
