import { expect, test } from "vitest";
import { predictCustomerClv } from "~/clv/clv";
import { expectedPurchasesConditional } from "~/clv/bgnbd";
import { expectedAverageOrderValue } from "~/clv/gamma-gamma";
import { PUBLISHED_BGNBD, PUBLISHED_GAMMA_GAMMA } from "./support/cdnow";

const model = { bgnbd: PUBLISHED_BGNBD, gammaGamma: PUBLISHED_GAMMA_GAMMA };
const customer = { id: "1", x: 2, tx: 30.43, T: 38.86, zbar: 22.35 }; // weeks

test("without discounting, CLV = expected orders × expected order value × margin", () => {
  const clv = predictCustomerClv(model, customer, { unitDays: 7, annualDiscountRate: 0, margin: 0.4 });
  const orders = expectedPurchasesConditional(PUBLISHED_BGNBD, customer, 365 / 7);
  const value = expectedAverageOrderValue(PUBLISHED_GAMMA_GAMMA, customer);
  expect(clv.expectedPurchases).toBeCloseTo(orders, 12);
  expect(clv.expectedOrderValue).toBeCloseTo(value, 12);
  expect(clv.clv).toBeCloseTo(orders * value * 0.4, 10);
});

test("monthly discounting at 10 %/year sums each month's orders discounted by 1.1^(−m/12)", () => {
  const clv = predictCustomerClv(model, customer, { unitDays: 7 });
  const ordersBy = (days: number): number =>
    expectedPurchasesConditional(PUBLISHED_BGNBD, customer, days / 7);
  let expected = 0;
  for (let m = 1; m <= 12; m++) {
    expected += (ordersBy((m * 365) / 12) - ordersBy(((m - 1) * 365) / 12)) * Math.pow(1.1, -m / 12);
  }
  expect(clv.clv).toBeCloseTo(expected * clv.expectedOrderValue, 10);
  const undiscounted = predictCustomerClv(model, customer, { unitDays: 7, annualDiscountRate: 0 }).clv;
  expect(clv.clv).toBeLessThan(undiscounted);
  expect(clv.clv).toBeGreaterThan(undiscounted / 1.1);
});

test("the same customer in days gives the same CLV as in weeks", () => {
  const days = {
    bgnbd: { ...PUBLISHED_BGNBD, alpha: PUBLISHED_BGNBD.alpha * 7 },
    gammaGamma: PUBLISHED_GAMMA_GAMMA,
  };
  const inDays = { ...customer, tx: customer.tx * 7, T: customer.T * 7 };
  const a = predictCustomerClv(model, customer, { unitDays: 7 });
  const b = predictCustomerClv(days, inDays, { unitDays: 1 });
  expect(b.clv).toBeCloseTo(a.clv, 9);
  expect(b.pAlive).toBeCloseTo(a.pAlive, 12);
});

test("a zero horizon is worth nothing; a partial last month is handled; bad options throw", () => {
  expect(predictCustomerClv(model, customer, { unitDays: 7, horizonDays: 0 }).clv).toBe(0);
  const short = predictCustomerClv(model, customer, { unitDays: 7, horizonDays: 45, annualDiscountRate: 0 });
  expect(short.expectedPurchases).toBeCloseTo(
    expectedPurchasesConditional(PUBLISHED_BGNBD, customer, 45 / 7),
    12,
  );
  expect(() => predictCustomerClv(model, customer, { unitDays: 0 })).toThrow(RangeError);
});

test("a customer without repeat purchases is valued at the population mean order value", () => {
  const clv = predictCustomerClv(model, { id: "n", x: 0, tx: 0, T: 30, zbar: 0 }, { unitDays: 7 });
  expect(clv.pAlive).toBe(1);
  expect(clv.expectedOrderValue).toBeCloseTo((6.25 * 15.44) / 2.74, 10);
  expect(clv.clv).toBeGreaterThan(0);
});
