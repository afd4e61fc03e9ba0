/**
 * The migration that moved marketing spend from shop_settings.marketing_spend (JSON) to one row per
 * month: its copy statement, run against a table shaped as before, keeps every valid month and drops
 * what never was a valid entry.
 */
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR } from "~/db/migrate.server";
import { createTestDatabase, type TestDatabase } from "../support/database";

const MIGRATION = "20261207132312_marketing_spend_months_and_opt_in";

describe("marketing spend migration", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  it("copies the JSON months into marketing_spend_month", async () => {
    const sql = fs.readFileSync(path.join(MIGRATIONS_DIR, MIGRATION, "migration.sql"), "utf8");
    const copy = /INSERT INTO "marketing_spend_month"[\s\S]*?;/.exec(sql)?.[0];
    expect(copy).toBeDefined();
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      // The column as it was before the migration dropped it.
      await client.query(`ALTER TABLE shop_settings ADD COLUMN marketing_spend JSONB NOT NULL DEFAULT '{}'`);
      const { rows } = await client.query<{ id: number }>(
        `INSERT INTO shop (domain, timezone, currency, updated_at) VALUES ('spend-migration.myshopify.com', 'UTC', 'USD', now()) RETURNING id`,
      );
      const shopId = rows[0]!.id;
      await client.query(
        `INSERT INTO shop_settings (shop_id, marketing_spend, updated_at) VALUES ($1, $2, now())`,
        [
          shopId,
          JSON.stringify({ "2026-10": 150000, "2025-01": 0, "2026-13": 5, "2026-11": -4, "2026-09": "x" }),
        ],
      );
      await client.query(copy!);
      const copied = await client.query<{ month: string; amount_minor: string }>(
        `SELECT month, amount_minor FROM marketing_spend_month WHERE shop_id = $1 ORDER BY month`,
        [shopId],
      );
      expect(copied.rows).toEqual([
        { month: "2025-01", amount_minor: "0" },
        { month: "2026-10", amount_minor: "150000" },
      ]);
    } finally {
      await client.query(`ALTER TABLE shop_settings DROP COLUMN IF EXISTS marketing_spend`);
      await client.end();
    }
  });
});
