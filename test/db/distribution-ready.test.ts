/**
 * The schema can be distributed by shop (docs/scaling.md, decision 0033), read from the catalogue of a
 * migrated database: every table is shop-keyed or a declared global table (app/db/distribution.ts);
 * shop_id is in every shop-keyed table's primary key, unique keys and foreign keys to other shop-keyed
 * tables; nothing global points at a shop-keyed table.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  citusDistributionStatements,
  DISTRIBUTION_COLUMN,
  GLOBAL_TABLES,
  isPerShopTable,
} from "~/db/distribution";
import { ensureCustomerOrders } from "~/kpi-engine/customer-orders-table.server";
import { createTestDatabase, type TestDatabase } from "../support/database";

interface Catalogue {
  tables: { name: string; columns: string[] }[];
  keys: { table: string; kind: "p" | "u"; name: string; columns: string[] }[];
  uniqueIndexes: { table: string; name: string; columns: string[] }[];
  foreignKeys: { table: string; name: string; columns: string[]; target: string; targetColumns: string[] }[];
}

async function readCatalogue(client: pg.Client): Promise<Catalogue> {
  const { rows: tables } = await client.query<{ name: string; columns: string[] }>(`
    SELECT c.relname AS name, array_agg(a.attname::text ORDER BY a.attnum) AS columns
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    WHERE c.relkind IN ('r', 'p') GROUP BY c.relname`);
  const constraintColumns = `ARRAY(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY u(n, i)
      JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n ORDER BY u.i)`;
  const { rows: keys } = await client.query<Catalogue["keys"][number]>(`
    SELECT t.relname AS table, k.contype AS kind, k.conname AS name, ${constraintColumns} AS columns
    FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
    WHERE k.contype IN ('p', 'u')`);
  const { rows: uniqueIndexes } = await client.query<Catalogue["uniqueIndexes"][number]>(`
    SELECT t.relname AS table, i.relname AS name,
      ARRAY(SELECT a.attname::text FROM unnest(x.indkey) WITH ORDINALITY u(n, o)
        JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = u.n ORDER BY u.o) AS columns
    FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
    WHERE x.indisunique`);
  const { rows: foreignKeys } = await client.query<Catalogue["foreignKeys"][number]>(`
    SELECT t.relname AS table, k.conname AS name, ${constraintColumns} AS columns, r.relname AS target,
      ARRAY(SELECT a.attname::text FROM unnest(k.confkey) WITH ORDINALITY u(n, i)
        JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.n ORDER BY u.i) AS "targetColumns"
    FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid JOIN pg_class r ON r.oid = k.confrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
    WHERE k.contype = 'f'`);
  return { tables, keys, uniqueIndexes, foreignKeys };
}

/** Every way the catalogue breaks distribution by shop, one line each (empty: ready). */
function distributionProblems(catalogue: Catalogue): string[] {
  const problems: string[] = [];
  const shopKeyed = new Set(
    catalogue.tables.filter((t) => t.columns.includes(DISTRIBUTION_COLUMN)).map((t) => t.name),
  );
  const has = (columns: string[]) => columns.includes(DISTRIBUTION_COLUMN);
  for (const { name } of catalogue.tables) {
    const global = GLOBAL_TABLES[name];
    if (shopKeyed.has(name) && global) problems.push(`${name}: has shop_id but is listed as global`);
    if (!shopKeyed.has(name) && !global)
      problems.push(`${name}: no shop_id and no decision in app/db/distribution.ts`);
  }
  for (const name of Object.keys(GLOBAL_TABLES))
    if (!catalogue.tables.some((t) => t.name === name)) problems.push(`${name}: listed as global, not found`);
  for (const name of shopKeyed) {
    // A shop's own table holds that shop only; its Citus mapping is declared with its pattern.
    if (isPerShopTable(name)) continue;
    const primary = catalogue.keys.find((k) => k.table === name && k.kind === "p");
    if (!primary) problems.push(`${name}: no primary key`);
    else if (!has(primary.columns)) problems.push(`${name}: primary key (${primary.columns}) lacks shop_id`);
    for (const index of catalogue.uniqueIndexes.filter((i) => i.table === name && !has(i.columns)))
      problems.push(`${name}: unique index ${index.name} (${index.columns}) lacks shop_id`);
  }
  for (const key of catalogue.foreignKeys) {
    const fromShop = shopKeyed.has(key.table);
    const toShop = shopKeyed.has(key.target);
    if (fromShop && toShop) {
      const at = key.columns.indexOf(DISTRIBUTION_COLUMN);
      if (at < 0 || key.targetColumns[at] !== DISTRIBUTION_COLUMN)
        problems.push(`${key.table}.${key.name}: foreign key to ${key.target} does not match shop_id`);
    } else if (fromShop && GLOBAL_TABLES[key.target]?.placement !== "reference") {
      problems.push(`${key.table}.${key.name}: references ${key.target}, which is not a reference table`);
    } else if (!fromShop && toShop) {
      problems.push(`${key.table}.${key.name}: a global table references shop-keyed ${key.target}`);
    }
  }
  return problems;
}

describe("distribution by shop", () => {
  let database: TestDatabase;
  let client: pg.Client;
  beforeAll(async () => {
    database = await createTestDatabase();
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    // A shop's own tables exist only once its KPIs were computed: create one so they are checked too.
    const shop = await database.prisma.shop.create({ data: { domain: "distribution.myshopify.com" } });
    await ensureCustomerOrders(database.prisma, shop.id);
  });
  afterAll(async () => {
    await client.end();
    await database.drop();
  });

  it("holds for the migrated schema", async () => {
    const catalogue = await readCatalogue(client);
    expect(catalogue.tables.length).toBeGreaterThan(25);
    expect(catalogue.tables.some((t) => isPerShopTable(t.name))).toBe(true);
    expect(distributionProblems(catalogue)).toEqual([]);
  });

  it("distributes every shop-keyed table, colocated, after the reference tables", async () => {
    const catalogue = await readCatalogue(client);
    const shopKeyed = catalogue.tables.filter((t) => t.columns.includes("shop_id")).map((t) => t.name);
    const statements = citusDistributionStatements(shopKeyed);
    expect(statements.slice(0, 2)).toEqual([
      "SELECT create_reference_table('shop');",
      "SELECT create_reference_table('session');",
    ]);
    expect(statements).toContain(`SELECT create_distributed_table('"order"', 'shop_id');`);
    expect(statements).toContain(
      `SELECT create_distributed_table('webhook_event', 'shop_id', colocate_with => '"order"');`,
    );
    expect(statements.some((s) => /kpi_customer_order_[0-9]/.test(s))).toBe(false);
    expect(statements).toHaveLength(2 + shopKeyed.filter((name) => !isPerShopTable(name)).length);
  });

  it("flags a table without a decision, a primary or unique key and a foreign key without shop_id", async () => {
    await client.query("BEGIN");
    try {
      await client.query(`CREATE TABLE undecided (id int PRIMARY KEY)`);
      await client.query(`CREATE TABLE keyed_wrong (shop_id int NOT NULL, id int PRIMARY KEY)`);
      await client.query(`CREATE TABLE unique_wrong (shop_id int, code text UNIQUE, PRIMARY KEY (shop_id))`);
      await client.query(
        `CREATE TABLE linked_wrong (shop_id int, other int REFERENCES keyed_wrong (id), PRIMARY KEY (shop_id, other))`,
      );
      await client.query(`CREATE TABLE global_ref (shop_id int, PRIMARY KEY (shop_id))`);
      await client.query(
        `ALTER TABLE session ADD COLUMN pinned int, ADD CONSTRAINT session_pinned FOREIGN KEY (pinned) REFERENCES global_ref (shop_id)`,
      );
      const problems = distributionProblems(await readCatalogue(client));
      expect(problems).toEqual(
        expect.arrayContaining([
          "undecided: no shop_id and no decision in app/db/distribution.ts",
          "keyed_wrong: primary key (id) lacks shop_id",
          "unique_wrong: unique index unique_wrong_code_key (code) lacks shop_id",
          "linked_wrong.linked_wrong_other_fkey: foreign key to keyed_wrong does not match shop_id",
          "session.session_pinned: a global table references shop-keyed global_ref",
        ]),
      );
      expect(problems).toHaveLength(6); // and keyed_wrong's own unique key (its primary key) lacks shop_id
    } finally {
      await client.query("ROLLBACK");
    }
  });
});
