import fs from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyFunctions, applyMigrations, FUNCTIONS_FILE } from "~/db/migrate.server";
import { createTestDatabase, type TestDatabase } from "../support/database";

interface Catalogue {
  functions: Array<{ name: string; definition: string }>;
  triggers: Array<{ name: string; table: string; fn: string; enabled: string; definition: string }>;
}

// The app's own functions (public schema, not from an extension) and triggers, as PostgreSQL prints them.
async function readCatalogue(client: pg.Client): Promise<Catalogue> {
  const functions = await client.query<{ name: string; definition: string }>(`
    SELECT p.proname AS name, pg_get_functiondef(p.oid) AS definition
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname = 'public' AND p.prokind = 'f'
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
    ORDER BY 1, 2`);
  const triggers = await client.query<{
    name: string;
    table: string;
    fn: string;
    enabled: string;
    definition: string;
  }>(`
    SELECT t.tgname AS name, c.relname AS table, p.proname AS fn, t.tgenabled AS enabled,
           pg_get_triggerdef(t.oid) AS definition
    FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
    WHERE NOT t.tgisinternal
    ORDER BY 1, 2`);
  return { functions: functions.rows, triggers: triggers.rows };
}

function namesInFile(kind: "FUNCTION" | "TRIGGER"): Set<string> {
  const sql = fs.readFileSync(FUNCTIONS_FILE, "utf8");
  const pattern = new RegExp(`^CREATE OR REPLACE ${kind} (\\w+)`, "gm");
  return new Set([...sql.matchAll(pattern)].flatMap((match) => (match[1] ? [match[1]] : [])));
}

describe("prisma/functions.sql", () => {
  let database: TestDatabase;
  let client: pg.Client;
  beforeAll(async () => {
    database = await createTestDatabase();
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await database.drop();
  });

  it("defines every function and trigger in the catalogue, and every trigger's function", async () => {
    const { functions, triggers } = await readCatalogue(client);
    const fileFunctions = namesInFile("FUNCTION");
    const fileTriggers = namesInFile("TRIGGER");
    expect(triggers.length).toBeGreaterThanOrEqual(15);
    expect(functions.map((f) => f.name).filter((name) => !fileFunctions.has(name))).toEqual([]);
    expect(triggers.map((t) => t.name).filter((name) => !fileTriggers.has(name))).toEqual([]);
    expect(triggers.map((t) => t.fn).filter((name) => !fileFunctions.has(name))).toEqual([]);
    expect(triggers.filter((t) => t.enabled !== "O")).toEqual([]);
  });

  it("recreates, from nothing, exactly the functions and triggers the migrated database has", async () => {
    const migrated = await readCatalogue(client);
    await client.query("BEGIN");
    try {
      for (const trigger of migrated.triggers)
        await client.query(`DROP TRIGGER ${trigger.name} ON "${trigger.table}"`);
      for (const name of new Set(migrated.functions.map((f) => f.name)))
        await client.query(`DROP FUNCTION ${name}`);
      expect(await readCatalogue(client)).toEqual({ functions: [], triggers: [] });
      await client.query(fs.readFileSync(FUNCTIONS_FILE, "utf8"));
      expect(await readCatalogue(client)).toEqual(migrated);
    } finally {
      await client.query("ROLLBACK");
    }
  });

  it("changes nothing when applied again, on its own or by the migration runner", async () => {
    const before = await readCatalogue(client);
    await applyFunctions(client);
    expect(await readCatalogue(client)).toEqual(before);
    expect(await applyMigrations(database.url)).toEqual([]);
    expect(await readCatalogue(client)).toEqual(before);
    const { rows } = await client.query(
      `SELECT 1 FROM "_prisma_migrations" WHERE migration_name ILIKE '%function%'`,
    );
    expect(rows).toEqual([]);
  });
});
