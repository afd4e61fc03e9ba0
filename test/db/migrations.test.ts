import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations, MIGRATIONS_DIR } from "~/db/migrate.server";
import { createTestDatabase, type TestDatabase } from "../support/database";

describe("migration runner", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  it("records every migration as Prisma Migrate does, and applies nothing twice", async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client.query<{
      migration_name: string;
      checksum: string;
      applied_steps_count: number;
    }>(
      `SELECT migration_name, checksum, applied_steps_count FROM "_prisma_migrations" WHERE finished_at IS NOT NULL ORDER BY migration_name`,
    );
    await client.end();
    const onDisk = fs
      .readdirSync(MIGRATIONS_DIR)
      .filter((name) => fs.existsSync(path.join(MIGRATIONS_DIR, name, "migration.sql")));
    expect(rows.map((row) => row.migration_name)).toEqual(onDisk.sort());
    for (const row of rows) {
      const sql = fs.readFileSync(path.join(MIGRATIONS_DIR, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(crypto.createHash("sha256").update(sql).digest("hex"));
      expect(row.applied_steps_count).toBe(1);
    }
    expect(await applyMigrations(database.url)).toEqual([]);
  });

  it("keys every index of the app's tables by the shop first", async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client.query<{ table: string; index: string; first_column: string }>(`
      SELECT t.relname AS table, i.relname AS index, a.attname AS first_column
      FROM pg_index x
      JOIN pg_class i ON i.oid = x.indexrelid
      JOIN pg_class t ON t.oid = x.indrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
      JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = x.indkey[0]
      WHERE t.relname NOT IN ('shop', 'session', '_prisma_migrations')
        -- a shop's own table (kpi_customer_order_<shop id>) holds that shop only
        AND t.relname !~ '^kpi_customer_order_[0-9]+'`);
    await client.end();
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.filter((row) => row.first_column !== "shop_id")).toEqual([]);
  });
});
