import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureShop } from "~/shops/ensure-shop.server";
import { createTestDatabase, type TestDatabase } from "../support/database";

describe("ensureShop", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  it("creates a new shop once when its first requests arrive together", async () => {
    const rows = await Promise.all(
      Array.from({ length: 20 }, () => ensureShop(database.prisma, "burst.myshopify.com")),
    );
    expect(new Set(rows.map((row) => row.id)).size).toBe(1);
    expect(rows[0]).toMatchObject({ domain: "burst.myshopify.com", currency: "USD", timezone: "UTC" });
    expect(await database.prisma.shop.count({ where: { domain: "burst.myshopify.com" } })).toBe(1);
  });
});
