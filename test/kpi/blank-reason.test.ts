import { describe, expect, it } from "vitest";
import type { BlankInput, BlankValue, ShopHistory } from "~/kpi/blank-reason";
import { blankReason, notAdditiveReason, rateBase, withBlankContext } from "~/kpi/blank-reason";
import { parsePeriod } from "~/kpi/calendar/parse-period";
import type { KpiId } from "~/kpi/catalog";
import { translatorFor } from "~/i18n/catalog.server";

const en = translatorFor("en");

const ZONE = "America/New_York";
const NOW = new Date("2027-06-01T12:00:00Z");

// Installed on Nov 3, 2026 (local); first order Mar 5, 2026; Shopify kept checkouts from Oct 20, 2026.
const HISTORY: ShopHistory = {
  timeZone: ZONE,
  installedAt: new Date("2026-11-03T15:00:00Z"),
  firstOrderAt: new Date("2026-03-05T17:00:00Z"),
  firstCheckoutAt: new Date("2026-10-20T12:00:00Z"),
  firstCartAt: null,
  activityWindowDays: 180,
  graceMinutes: 10,
  grossMarginSet: false,
};

const NONE: BlankValue = { value: null, numerator: 0, denominator: 0 };
const amount = (value: number | null): BlankValue => ({ value, numerator: null, denominator: null });

function input(
  kpi: KpiId,
  label: string,
  result: BlankValue | null = NONE,
  context: Record<string, BlankValue> = {},
): BlankInput {
  const { start, end } = parsePeriod(label, ZONE, NOW);
  return { kpi, start, end, result, context: new Map(Object.entries(context)) };
}

const reason = (i: BlankInput, history: ShopHistory = HISTORY) => blankReason(i, history, en);

describe("blankReason", () => {
  it("says nothing for a value, zero included", () => {
    expect(reason(input("orders", "2026-12", amount(0)))).toBeNull();
    expect(reason(input("churn_rate", "2026-12", { value: 0, numerator: 0, denominator: 41 }))).toBeNull();
  });

  it("keeps the free-range reason for KPIs that count distinct customers", () => {
    expect(reason({ ...input("retention_rate", "2026-12", null), freeRange: true })).toBe(
      notAdditiveReason(en),
    );
  });

  it("names the first order for a period before it, and the missing history for a shop without orders", () => {
    expect(reason(input("orders", "2026-02", null))).toBe(
      "Before your store's first order on Mar 5, 2026. Choose a period from that day on.",
    );
    expect(reason(input("total_sales", "2026-12", null), { ...HISTORY, firstOrderAt: null })).toBe(
      "No orders imported yet. Figures appear once your order history is in.",
    );
    expect(reason(input("orders", "2026-12", null))).toBe(
      "Not computed for this period yet. It appears after the next update.",
    );
  });

  it("dates cart tracking from the install, and checkout tracking from the oldest checkout Shopify kept", () => {
    expect(reason(input("cart_abandonment_rate", "2026-10"))).toBe(
      "Carts are tracked since you installed Pulse on Nov 3, 2026. Choose a period from that day on.",
    );
    expect(reason(input("checkout_abandonment_rate", "2026-10-19"))).toBe(
      "Checkouts are tracked from Oct 20, 2026. Choose a period from that day on.",
    );
    // A period that holds the start of tracking but no cart.
    expect(reason(input("cart_abandonment_rate", "2026-11", NONE, { cart_created: amount(0) }))).toBe(
      "No carts in this period: they are tracked since you installed Pulse on Nov 3, 2026.",
    );
    expect(reason(input("cart_abandonment_rate", "2026-12", NONE, { cart_created: amount(0) }))).toBe(
      "No carts were started in this period.",
    );
    // With checkouts stored only after the install, checkouts too are tracked since then.
    expect(
      reason(input("checkout_abandonment_rate", "2026-10"), {
        ...HISTORY,
        firstCheckoutAt: new Date("2026-11-10T00:00:00Z"),
      }),
    ).toBe(
      "Checkouts are tracked since you installed Pulse on Nov 3, 2026. Choose a period from that day on.",
    );
  });

  it("gives no advice to pick another period for a comparison period", () => {
    expect(reason({ ...input("orders", "2026-02", null), comparison: true })).toBe(
      "Before your store's first order on Mar 5, 2026.",
    );
    expect(reason({ ...input("cart_abandonment_rate", "2026-10"), comparison: true })).toBe(
      "Carts are tracked since you installed Pulse on Nov 3, 2026.",
    );
  });

  it("says when every checkout of the period is still inside the grace time", () => {
    expect(
      reason(input("checkout_abandonment_rate", "2027-05-31", NONE, { checkout_created: amount(3) })),
    ).toBe(
      "The 3 checkouts of this period are less than 10 minutes old: they count once completed or abandoned.",
    );
    expect(reason(input("cart_abandonment_rate", "2027-05-31", NONE, { cart_created: amount(1) }))).toBe(
      "The 1 cart of this period is less than 10 minutes old: it counts once completed or abandoned.",
    );
  });

  it("needs 365 days from the first order to the period's last day for formula CLV", () => {
    // Mar 5, 2026 + 365 days = Mar 5, 2027 (no Feb 29 between).
    const needs =
      "Needs 12 months of history: your first order was on Mar 5, 2026, so it shows for periods ending on Mar 5, 2027 or later.";
    expect(reason(input("formula_clv", "2026-12", amount(null)))).toBe(needs);
    expect(reason(input("formula_clv", "2027-03-04", amount(null)))).toBe(needs);
    // From Mar 5, 2027 the history is long enough: another cause is named.
    expect(reason(input("formula_clv", "2027-03-05", amount(null)))).toBe(
      "No orders in the 12 months up to this period's end.",
    );
    expect(
      reason(
        input("formula_clv", "2027-04", amount(null), {
          annual_churn_rate: { value: 0, numerator: 0, denominator: 12 },
        }),
      ),
    ).toBe(
      "No customer lapsed over these 12 months, so a customer lifetime (1 ÷ annual churn) cannot be estimated yet.",
    );
    expect(reason(input("formula_clv", "2027-04", amount(null), { annual_churn_rate: NONE }))).toBe(
      "No customer ordered in the year before these 12 months, so annual churn is unknown.",
    );
    // The parts of the CLV page that need annual churn share its causes; its AOV does not.
    expect(reason(input("annual_churn_rate", "2026-12"))).toBe(needs);
    expect(reason(input("expected_lifetime_years", "2026-12", amount(null)))).toBe(needs);
    expect(reason(input("formula_clv_aov", "2026-12"))).toBe(
      "No orders in the 12 months up to this period's end.",
    );
    expect(
      reason(input("annual_churn_rate", "2027-04", { value: 0, numerator: 0, denominator: 9 })),
    ).toBeNull();
    expect(
      reason(
        input("expected_lifetime_years", "2027-04", amount(null), {
          annual_churn_rate: { value: 0, numerator: 0, denominator: 9 },
        }),
      ),
    ).toBe(
      "No customer lapsed over these 12 months, so a customer lifetime (1 ÷ annual churn) cannot be estimated yet.",
    );
  });

  it("tells a period starting at the first order from one after a quiet activity window", () => {
    expect(reason(input("retention_rate", "2026-03"))).toBe(
      "No customers were active when this period began: your first order was on Mar 5, 2026. Choose a period that starts after it.",
    );
    expect(reason(input("churn_rate", "2026-12"))).toBe(
      "No customer ordered in the 180 days before this period began (the activity window in Settings), so there was no one to keep.",
    );
  });

  it("points at the marketing spend setting for CAC and ROAS", () => {
    expect(reason(input("cac", "2026-12", amount(null)))).toBe(
      "Needs your marketing spend for every month of this period: enter it in Settings.",
    );
    expect(reason(input("cac", "2026-12", { value: null, numerator: 50_000, denominator: 0 }))).toBe(
      "No new customers in this period, so there is no cost per new customer.",
    );
    expect(reason(input("roas", "2026-12", { value: null, numerator: 90_000, denominator: 0 }))).toBe(
      "No marketing spend in this period to measure a return on.",
    );
  });

  it("tells guest-only periods from empty ones, and points at the margin setting", () => {
    expect(reason(input("returning_customer_rate", "2026-12", NONE, { orders: amount(4) }))).toBe(
      "Only guest orders without an email in this period: there is no customer to count.",
    );
    expect(reason(input("orders_per_customer", "2026-12", NONE, { orders: amount(0) }))).toBe(
      "No orders in this period.",
    );
    expect(reason(input("aov", "2026-12"))).toBe("No orders in this period.");
    expect(reason(input("gross_profit", "2026-12", amount(null)))).toBe(
      "Set your gross margin in Settings to see gross profit.",
    );
  });
});

describe("rateBase", () => {
  it("reads a rate's numerator and denominator in words", () => {
    const r = (n: number, d: number): BlankValue => ({ value: n / d, numerator: n, denominator: d });
    expect(rateBase("checkout_abandonment_rate", r(3, 41), en)).toBe("3 of 41 checkouts abandoned");
    expect(rateBase("cart_abandonment_rate", r(0, 1), en)).toBe("0 of 1 cart abandoned");
    expect(rateBase("churn_rate", r(1234, 5678), en)).toBe(
      "1,234 of 5,678 customers active at the start lost",
    );
    expect(rateBase("retention_rate", r(38, 41), en)).toBe(
      "38 active at the end (not new), of 41 customers active at the start",
    );
    expect(rateBase("returning_customer_rate", r(12, 80), en)).toBe("12 of 80 customers returning");
  });

  it("has no base for blanks, amounts or non-rates", () => {
    expect(rateBase("checkout_abandonment_rate", NONE, en)).toBeNull();
    expect(rateBase("checkout_abandonment_rate", null, en)).toBeNull();
    expect(rateBase("aov", { value: 5000, numerator: 10_000, denominator: 2 }, en)).toBeNull();
  });
});

describe("withBlankContext", () => {
  it("adds the KPIs that tell blank causes apart, once", () => {
    expect(withBlankContext(["checkout_abandonment_rate", "returning_customer_rate", "orders"])).toEqual([
      "checkout_abandonment_rate",
      "returning_customer_rate",
      "orders",
      "checkout_created",
    ]);
  });
});
