import { describe, expect, test } from "vitest";
import { copyText, isoTime } from "~/sync/write/bulk-orders.server";
import { moneyToMinor } from "~/sync/records/from-graphql";
import { toId, toIdText } from "~/sync/records/fields";
import { parseMoneyToMinor } from "~/kpi/money";

/** The value, or the error message, a parser gives. */
const outcome = (parse: () => number) => {
  try {
    return { value: parse() };
  } catch (error) {
    return { error: `${(error as Error).name}: ${(error as Error).message}` };
  }
};

describe("the history import's fast paths give what the general functions give", () => {
  test("money: every form parseMoneyToMinor accepts or refuses, in every exponent", () => {
    const amounts = [
      "0",
      "0.00",
      "-0.00",
      "12.34",
      "12.3",
      "12.",
      ".5",
      "-.5",
      "-12.34",
      "007.50",
      "1200.00",
      "1200.50",
      "12.345",
      "12.3450",
      "+12.34",
      " 12.34",
      "12.34 ",
      "",
      ".",
      "-",
      "1e3",
      "12,34",
      "1.2.3",
      "٣",
      "9007199254740991",
      "9007199254740992",
      "90071992547409.91",
      "999999999999999",
      "9999999999999999",
      "123456789012.345678",
      "0.000001",
      "-9007199254740.991",
    ];
    for (let i = 0; i < 500; i++) {
      const whole = String(Math.floor(Math.random() * 10 ** (1 + (i % 12))));
      const fraction = String(Math.floor(Math.random() * 10_000))
        .padStart(i % 5, "0")
        .slice(0, i % 5);
      amounts.push(`${i % 3 === 0 ? "-" : ""}${whole}${fraction === "" && i % 2 ? "" : "."}${fraction}`);
    }
    for (const exponent of [0, 2, 3, 6, 7, -1, 1.5]) {
      for (const amount of amounts) {
        expect(
          outcome(() => moneyToMinor(amount, exponent)),
          `${amount} with exponent ${exponent}`,
        ).toEqual(outcome(() => parseMoneyToMinor(amount, exponent)));
      }
    }
  });

  test("ids: the decimal text of toId, for gids, numeric strings and numbers", () => {
    for (const value of [
      "gid://shopify/LineItem/9000000000003",
      "gid://shopify/Product/0",
      "gid://shopify/Product/0012",
      "0012",
      "820982911946154508",
      4503599627370497,
      -5,
    ]) {
      expect(toIdText(value, "id")).toBe(String(toId(value, "id")));
    }
    for (const value of ["gid://shopify/Order/", "gid://other/Order/1", "12a", 1.5, null]) {
      expect(() => toIdText(value, "line.id")).toThrow(`line.id is not a Shopify id`);
    }
  });
});

describe("COPY text for the history import", () => {
  test("times: isoTime is toISOString", () => {
    const times = [
      0, 1, 951_782_400_000, 951_868_799_999, 4_107_542_400_000, 253_402_300_799_999, 253_402_300_800_000, -1,
      -86_400_001, 1_704_067_200_000,
    ];
    for (let i = 0; i < 20_000; i++)
      times.push(Math.floor(Math.random() * 260_000_000_000_000) - 1_000_000_000_000);
    for (const ms of times) expect(isoTime(new Date(ms)), String(ms)).toBe(new Date(ms).toISOString());
  });

  test("text: NULL, and the four characters COPY's text format escapes", () => {
    expect(copyText(null)).toBe("\\N");
    expect(copyText("\\N")).toBe("\\\\N");
    expect(copyText("a\tb\nc\rd\\e ünï 🛒")).toBe("a\\tb\\nc\\rd\\\\e ünï 🛒");
  });
});
