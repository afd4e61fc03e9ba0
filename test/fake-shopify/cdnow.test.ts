import { beforeAll, describe, expect, test } from "vitest";
import { cdnowHistory, cdnowOrderPayloads, CDNOW_LAST_DATE, splitIntoLines } from "../../fake-shopify/cdnow";
import type { DemoRecord } from "../../fake-shopify/cdnow";
import { parseMinor } from "../../fake-shopify/money";
import { localDate } from "../../fake-shopify/shop-time";
import { cdnowFile } from "../clv/support/paths";

const PATH = cdnowFile("CDNOW_master.txt");
const ANCHOR = "2026-11-22";
const TIME_ZONE = "America/New_York";

// From the shell, not from the code under test:
//   awk 'NR>1{split($4,a,"."); c+=a[1]*100+a[2]; q+=$3} END{print c, q}'  → 250031563 167881
//   awk 'NR>1{split($4,a,"."); if ((a[1]*100+a[2]) % $3) n++} END{print n}' → 18269
const EXPECTED_TOTAL_DOLLARS = "2500315.63";
const EXPECTED_UNITS = 167_881;
const ROWS_NOT_DIVISIBLE = 18_269;
// 1998-06-30 → 2026-11-22 is 10,372 days, so 1997-01-01 → 2025-05-26.
const FIRST_LOCAL_DATE = "2025-05-26";

let records: DemoRecord[];

beforeAll(async () => {
  records = [];
  for await (const record of cdnowHistory({ path: PATH, anchorDate: ANCHOR, timeZone: TIME_ZONE }))
    records.push(record);
});

describe("splitIntoLines", () => {
  test("keeps units and cents exactly", () => {
    expect(splitIntoLines(2933, 2)).toEqual([
      { quantity: 1, unitPriceMinor: 1467 },
      { quantity: 1, unitPriceMinor: 1466 },
    ]);
    expect(splitIntoLines(7700, 5)).toEqual([{ quantity: 5, unitPriceMinor: 1540 }]);
    expect(splitIntoLines(0, 1)).toEqual([{ quantity: 1, unitPriceMinor: 0 }]);
    expect(splitIntoLines(5, 10)).toEqual([
      { quantity: 5, unitPriceMinor: 1 },
      { quantity: 5, unitPriceMinor: 0 },
    ]);
  });
});

describe("CDNOW → demo shop history", () => {
  test("23,570 customers and 69,659 orders", () => {
    expect(records).toHaveLength(69_659);
    expect(new Set(records.map((r) => r.customer.id)).size).toBe(23_570);
    expect(records.filter((r) => r.isFirstOrder)).toHaveLength(23_570);
    expect(new Set(records.map((r) => r.order.id)).size).toBe(69_659);
  });

  test("money and units add up exactly to the file's", () => {
    let cents = 0;
    let units = 0;
    const inexact: number[] = []; // one expect per order would make this test slow
    for (const { order } of records) {
      const lineCents = order.lines.reduce((sum, l) => sum + l.quantity * l.unitPriceMinor, 0);
      const lineUnits = order.lines.reduce((sum, l) => sum + l.quantity, 0);
      if (lineCents !== order.totalMinor || lineUnits !== order.quantity) inexact.push(order.id);
      cents += order.totalMinor;
      units += order.quantity;
    }
    expect(inexact).toEqual([]);
    expect(cents).toBe(parseMinor(EXPECTED_TOTAL_DOLLARS, "USD"));
    expect(units).toBe(EXPECTED_UNITS);
    expect(records.filter((r) => r.order.lines.length === 2)).toHaveLength(ROWS_NOT_DIVISIBLE);
  });

  test("keeps the 80 zero-dollar purchases as orders worth 0", () => {
    const free = records.filter((r) => r.order.totalMinor === 0);
    expect(free).toHaveLength(80);
    expect(free.every((r) => r.order.quantity > 0)).toBe(true);
  });

  test("dates move by whole days: last purchase on the anchor, first 10,372 days after 1997-01-01", () => {
    const last = records.at(-1)!;
    expect(last.order.source.date).toBe(CDNOW_LAST_DATE);
    expect(last.order.localDate).toBe(ANCHOR);
    expect(localDate(last.order.createdAt, TIME_ZONE)).toBe(ANCHOR);
    expect(localDate(records[0]!.order.createdAt, TIME_ZONE)).toBe(FIRST_LOCAL_DATE);
    // Every order stays on its shifted local day, whatever time of day it got.
    expect(records.filter(({ order }) => localDate(order.createdAt, TIME_ZONE) !== order.localDate)).toEqual(
      [],
    );
  });

  test("orders are numbered in time order; customers are created with their first order", () => {
    const outOfOrder = records.filter((r, i) => {
      const previous = records[i - 1];
      return (
        previous !== undefined &&
        (r.order.createdAt < previous.order.createdAt ||
          r.order.orderNumber !== previous.order.orderNumber + 1)
      );
    });
    expect(outOfOrder).toEqual([]);
    expect(records[0]!.order.orderNumber).toBe(1001);
    const firstOf = records.filter((r) => r.isFirstOrder);
    expect(firstOf.every((r) => r.customer.createdAt.getTime() === r.order.createdAt.getTime())).toBe(true);
    const c1 = records.find((r) => r.customer.cdnowId === "00001")!.customer;
    expect(c1.email).toBe("customer-00001@example.com");
    expect(c1.firstName).toMatch(/^[A-Z][a-z]+$/);
  });

  test("is deterministic for a given anchor", async () => {
    const again: string[] = [];
    for await (const r of cdnowHistory({ path: PATH, anchorDate: ANCHOR, timeZone: TIME_ZONE })) {
      again.push(
        `${r.order.id}|${r.order.createdAt.toISOString()}|${r.customer.firstName} ${r.customer.lastName}`,
      );
    }
    expect(again).toEqual(
      records.map(
        (r) =>
          `${r.order.id}|${r.order.createdAt.toISOString()}|${r.customer.firstName} ${r.customer.lastName}`,
      ),
    );
  });

  test("defaults the anchor to yesterday in the shop's time zone", async () => {
    // 02:00 UTC on 23 Nov is still 22 Nov in New York, so "yesterday" there is 21 Nov.
    let last: DemoRecord | undefined;
    for await (const r of cdnowHistory({
      path: PATH,
      timeZone: TIME_ZONE,
      now: new Date("2026-11-23T02:00:00Z"),
    }))
      last = r;
    expect(last!.order.localDate).toBe("2026-11-21");
  });
});

describe("CDNOW as REST payloads", () => {
  test("every order payload totals what the file says, in USD strings", async () => {
    let cents = 0;
    let count = 0;
    let mismatchedCustomers = 0;
    for await (const { order, customer } of cdnowOrderPayloads({
      path: PATH,
      anchorDate: ANCHOR,
      timeZone: TIME_ZONE,
    })) {
      if (order.customer?.id !== customer.id) mismatchedCustomers++;
      cents += parseMinor(order.total_price_set.shop_money.amount, "USD");
      count++;
    }
    expect(count).toBe(69_659);
    expect(mismatchedCustomers).toBe(0);
    expect(cents).toBe(parseMinor(EXPECTED_TOTAL_DOLLARS, "USD"));
  });

  test("a purchase that does not divide evenly becomes two CD lines", async () => {
    // Customer 00004 on 1997-01-01: 2 CDs for $29.33.
    for await (const { order } of cdnowOrderPayloads({
      path: PATH,
      anchorDate: ANCHOR,
      timeZone: TIME_ZONE,
    })) {
      if (order.email !== "customer-00004@example.com" || !order.created_at.startsWith(FIRST_LOCAL_DATE))
        continue;
      expect(order.total_price).toBe("29.33");
      expect(order.line_items.map((l) => [l.title, l.quantity, l.price])).toEqual([
        ["CD", 1, "14.67"],
        ["CD", 1, "14.66"],
      ]);
      expect(order).toMatchObject({
        currency: "USD",
        financial_status: "paid",
        total_tax: "0.00",
        total_discounts: "0.00",
      });
      expect(order.created_at).toMatch(/-04:00$/); // New York in May
      return;
    }
    throw new Error("customer 00004's first order not found");
  });
});
