import { describe, expect, it } from "vitest";
import { normaliseEmail, PayloadError, toId } from "~/sync/records/fields";
import { checkoutFromRest, normaliseShop, orderFromRest } from "~/sync/records/from-rest";
import { checkoutRow, orderRows } from "~/sync/records/rows";
import type { RestOrder } from "~/sync/wire/rest-payloads";
import { buildCheckoutPayload, buildOrderPayload } from "../../fake-shopify";

/** A REST order payload as the row it is stored as. */
const orderRow = (payload: RestOrder) => orderRows(orderFromRest(payload)).order;

describe("payload normalisation", () => {
  it("normalises emails by trimming and lower-casing only", () => {
    expect(normaliseEmail("  Ann.Smith+shop@Example.COM ")).toBe("ann.smith+shop@example.com");
    expect(normaliseEmail("   ")).toBeNull();
    expect(normaliseEmail(null)).toBeNull();
  });

  it("reads REST ids, numeric strings and Admin GraphQL ids alike", () => {
    expect(toId(4503599627370497, "id")).toBe(4503599627370497n);
    expect(toId("820982911946154508", "id")).toBe(820982911946154508n);
    expect(toId("gid://shopify/Order/820982911946154508", "id")).toBe(820982911946154508n);
    expect(() => toId(1.5, "order.id")).toThrow(PayloadError);
  });

  it("books an order on processed_at, falling back to created_at, read with its UTC offset", () => {
    const imported = orderRow(
      buildOrderPayload({
        id: 1,
        createdAt: "2026-03-01T10:00:00Z",
        processedAt: "2025-12-31T23:30:00Z",
        currency: "USD",
        timeZone: "America/New_York",
        lines: [{ quantity: 1, unitPriceMinor: 100 }],
      }),
    );
    expect(imported.orderedAt.toISOString()).toBe("2025-12-31T23:30:00.000Z");
    const plain = orderRow({ id: 2, created_at: "2026-03-01T05:00:00-05:00", currency: "USD" });
    expect(plain.orderedAt.toISOString()).toBe("2026-03-01T10:00:00.000Z");
  });

  it("reads zero-decimal and three-decimal currencies exactly", () => {
    const yen = orderRow(
      buildOrderPayload({
        id: 3,
        createdAt: "2026-03-01T00:00:00Z",
        currency: "JPY",
        lines: [{ quantity: 3, unitPriceMinor: 1980 }],
      }),
    );
    expect([yen.grossMinor, yen.totalMinor]).toEqual([5940n, 5940n]); // 3 × ¥1,980
    const dinar = orderRow(
      buildOrderPayload({
        id: 4,
        createdAt: "2026-03-01T00:00:00Z",
        currency: "KWD",
        lines: [{ quantity: 2, unitPriceMinor: 12_345 }],
      }),
    );
    expect(dinar.grossMinor).toBe(24_690n); // 2 × 12.345 KWD = 24.690
  });

  it("refuses amounts in a currency other than the shop's", () => {
    const payload = buildOrderPayload({
      id: 5,
      createdAt: "2026-03-01T00:00:00Z",
      currency: "USD",
      lines: [{ quantity: 1, unitPriceMinor: 100 }],
    });
    const tampered = {
      ...payload,
      total_price_set: { shop_money: { amount: "1.00", currency_code: "EUR" } },
    };
    expect(() => orderRow(tampered)).toThrow("total_price_set is in EUR, not the shop currency USD");
  });

  it("keeps a checkout's completion time and token", () => {
    const row = checkoutRow(
      checkoutFromRest(
        buildCheckoutPayload({
          id: 7,
          token: "tok-7",
          createdAt: "2026-03-01T10:00:00Z",
          completedAt: "2026-03-01T10:05:00Z",
          currency: "USD",
          lines: [{ variantId: 1, productId: 1, quantity: 1, unitPriceMinor: 500 }],
        }),
      ),
    );
    expect(row).toMatchObject({ token: "tok-7", id: 7n });
    expect(row.completedAt?.toISOString()).toBe("2026-03-01T10:05:00.000Z");
  });

  it("refuses a shop timezone that Intl does not know", () => {
    expect(normaliseShop({ iana_timezone: "Europe/Warsaw", currency: "PLN" })).toEqual({
      timezone: "Europe/Warsaw",
      currency: "PLN",
    });
    expect(() => normaliseShop({ iana_timezone: "Mars/Olympus_Mons" })).toThrow(
      "unknown IANA timezone Mars/Olympus_Mons",
    );
  });
});
