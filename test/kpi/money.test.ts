import { describe, expect, it } from "vitest";
import { currencyExponent, formatMinor, parseMoneyToMinor, sumMinor } from "~/kpi/money";

describe("currencyExponent", () => {
  it("knows zero-, two- and three-decimal currencies", () => {
    expect(currencyExponent("JPY")).toBe(0);
    expect(currencyExponent("USD")).toBe(2);
    expect(currencyExponent("pln")).toBe(2);
    expect(currencyExponent("KWD")).toBe(3);
  });
});

describe("parseMoneyToMinor", () => {
  it("is exact where floats are not", () => {
    expect(parseMoneyToMinor("19.99", 2)).toBe(1999); // 19.99 × 100 = 1998.9999999999998 in floats
    expect(parseMoneyToMinor("0.29", 2)).toBe(29); // 0.29 × 100 = 28.999999999999996
    expect(parseMoneyToMinor("12.34", 2)).toBe(1234);
    expect(parseMoneyToMinor("0.1", 2)).toBe(10);
    expect(parseMoneyToMinor(".5", 2)).toBe(50);
    expect(parseMoneyToMinor("7", 2)).toBe(700);
  });

  it("handles zero-decimal and three-decimal currencies", () => {
    expect(parseMoneyToMinor("1200", 0)).toBe(1200); // ¥1200
    expect(parseMoneyToMinor("1200.00", 0)).toBe(1200); // surplus zeros are harmless
    expect(parseMoneyToMinor("1.234", 3)).toBe(1234); // KWD 1.234
    expect(parseMoneyToMinor("0.005", 3)).toBe(5);
  });

  it("keeps the sign", () => {
    expect(parseMoneyToMinor("-5.00", 2)).toBe(-500);
    expect(parseMoneyToMinor("+5.10", 2)).toBe(510);
    expect(Object.is(parseMoneyToMinor("-0.00", 2), 0)).toBe(true);
  });

  it("refuses what it cannot represent exactly", () => {
    expect(() => parseMoneyToMinor("1200.5", 0)).toThrow(RangeError); // half a yen
    expect(() => parseMoneyToMinor("1.001", 2)).toThrow(RangeError);
    expect(() => parseMoneyToMinor("", 2)).toThrow(RangeError);
    expect(() => parseMoneyToMinor("abc", 2)).toThrow(RangeError);
    expect(() => parseMoneyToMinor("1,000.00", 2)).toThrow(RangeError);
    expect(() => parseMoneyToMinor("99999999999999999", 2)).toThrow(RangeError); // beyond 2^53
  });
});

describe("formatMinor and sumMinor", () => {
  it("formats minor units back to decimals", () => {
    expect(formatMinor(1234, 2)).toBe("12.34");
    expect(formatMinor(5, 2)).toBe("0.05");
    expect(formatMinor(-5, 2)).toBe("-0.05");
    expect(formatMinor(1200, 0)).toBe("1200");
    expect(formatMinor(1234, 3)).toBe("1.234");
  });

  it("refuses to lose precision past safe integers", () => {
    expect(sumMinor([100, 250, -50])).toBe(300);
    expect(() => sumMinor([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError);
  });
});
