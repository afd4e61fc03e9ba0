import { describe, expect, it } from "vitest";
import type { SegmentInput } from "~/clv/customer-segment";
import { customerSegment, nextOrderText, storedSegment } from "~/clv/customer-segment";
import { translatorFor } from "~/i18n/catalog.server";

const en = translatorFor("en");

const base: SegmentInput = {
  pAlive: 0.9,
  expectedOrders: 2,
  frequency: 3,
  recencyDays: 300,
  ageDays: 320,
  horizonDays: 365,
};
const at = (patch: Partial<SegmentInput>) => customerSegment({ ...base, ...patch });

describe("customerSegment, by hand", () => {
  it("one-order customers: new for 90 days, promising within the year, lapsed after, lost after two", () => {
    const one = { frequency: 0, recencyDays: 0, expectedOrders: 0.4 };
    expect(at({ ...one, ageDays: 90, pAlive: 1 })).toBe("new");
    expect(at({ ...one, ageDays: 91, pAlive: 1 })).toBe("promising");
    expect(at({ ...one, ageDays: 365, pAlive: 0.3 })).toBe("promising");
    // BG/NBD's 100 % does not keep a year-old one-order customer promising.
    expect(at({ ...one, ageDays: 366, pAlive: 1 })).toBe("lapsed");
    expect(at({ ...one, ageDays: 200, pAlive: 0.29 })).toBe("lapsed");
    expect(at({ ...one, ageDays: 731, pAlive: 1 })).toBe("lost");
    expect(at({ ...one, ageDays: 200, pAlive: 0.09 })).toBe("lost");
    // A recent first order with a model that already gives up on it is not "new".
    expect(at({ ...one, ageDays: 30, pAlive: 0.2 })).toBe("lapsed");
  });

  it("repeat customers: against their own gap (here 300 / 3 = 100 days)", () => {
    expect(at({ ageDays: 300 + 150 })).toBe("active"); // 1.5 gaps
    expect(at({ ageDays: 300 + 151 })).toBe("at-risk");
    expect(at({ ageDays: 320, pAlive: 0.69 })).toBe("at-risk");
    expect(at({ ageDays: 300 + 300 })).toBe("at-risk"); // 3 gaps
    expect(at({ ageDays: 300 + 301 })).toBe("lapsed");
    expect(at({ ageDays: 320, pAlive: 0.29 })).toBe("lapsed");
    expect(at({ ageDays: 320, pAlive: 0.09, expectedOrders: 0.2 })).toBe("lost");
    // Past 6 gaps and over a year since the last order, with under one order expected: lost.
    expect(at({ ageDays: 300 + 601, expectedOrders: 0.5 })).toBe("lost");
    expect(at({ ageDays: 300 + 600, expectedOrders: 0.5 })).toBe("lapsed"); // exactly 6 gaps
    expect(at({ ageDays: 300 + 601, expectedOrders: 1 })).toBe("lapsed");
  });

  it("is never lost while a next order is expected within the horizon", () => {
    expect(at({ pAlive: 0.05, expectedOrders: 1 })).toBe("lapsed");
    expect(at({ frequency: 0, recencyDays: 0, ageDays: 1_000, pAlive: 0.05, expectedOrders: 1.2 })).toBe(
      "lapsed",
    );
  });
});

describe("nextOrderText agrees with the segment", () => {
  it("says not expected for Lost whatever the orders, and for a wait longer than the horizon", () => {
    expect(nextOrderText("lost", 10, 365, en)).toBe("not expected");
    expect(nextOrderText("lapsed", 0.05, 365, en)).toBe("not expected");
    expect(nextOrderText("promising", 0.5, 365, en)).toBe("not expected within a year");
    expect(nextOrderText("active", 2, 365, en)).toBe("in about 6 months");
    expect(nextOrderText("active", 12, 365, en)).toBe("in about 4 weeks");
  });
});

describe("storedSegment", () => {
  it("reads segments as stored, and the older risk buckets as their nearest segment", () => {
    expect(storedSegment("promising", 0)).toBe("promising");
    expect(storedSegment("low", 2)).toBe("active");
    expect(storedSegment("low", 0)).toBe("promising");
    expect(storedSegment("medium", 2)).toBe("at-risk");
    expect(storedSegment("high", 2)).toBe("lapsed");
    expect(storedSegment("lost", 0)).toBe("lost");
  });
});
