/**
 * arrayLiteral sends long columns as one text parameter: what PostgreSQL reads back must be exactly what
 * was sent (quotes, backslashes, braces, commas and NULL-looking text; floats to the last bit; nulls).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { arrayLiteral } from "~/kpi-engine/sql.server";
import { createTestDatabase, type TestDatabase } from "../support/database";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

describe("arrayLiteral", () => {
  it("writes the literal PostgreSQL expects", () => {
    expect(arrayLiteral([1, null, 2.5])).toBe("{1,NULL,2.5}");
    expect(arrayLiteral(["a", 'say "hi"', "back\\slash"])).toBe('{"a","say \\"hi\\"","back\\\\slash"}');
    expect(arrayLiteral([])).toBe("{}");
  });

  it("round-trips text through ::text[]", async () => {
    const texts = [
      "plain",
      'quote "inside"',
      "back\\slash",
      "{braces}",
      "a,b",
      "NULL",
      "",
      " spaced ",
      "zażółć",
    ];
    const [row] = await database.prisma.$queryRaw<
      { t: string[] }[]
    >`SELECT ${arrayLiteral(texts)}::text[] AS t`;
    expect(row!.t).toEqual(texts);
  });

  it("round-trips floats exactly and nulls through ::float8[]", async () => {
    const numbers = [0.1 + 0.2, 1 / 3, -123456789.12345679, 1e21, 5e-324, Number.MAX_VALUE, 0, -0.5, null];
    const [row] = await database.prisma.$queryRaw<
      { v: (number | null)[] }[]
    >`SELECT ${arrayLiteral(numbers)}::float8[] AS v`;
    expect(row!.v).toEqual(numbers);
  });
});
