import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../../prisma/migrations");
/** Current text of every trigger and SQL function; re-applied after the migrations on every start. */
export const FUNCTIONS_FILE = path.resolve(import.meta.dirname, "../../prisma/functions.sql");

// Same lock id Prisma Migrate takes, so this runner and `prisma migrate deploy` never interleave.
const PRISMA_MIGRATE_LOCK = 72707369;

/**
 * Applies prisma/migrations in order and records them in `_prisma_migrations` exactly as Prisma Migrate
 * does (same table, checksum and columns), so `prisma migrate deploy` on a connected machine accepts this
 * history. We need our own runner because Prisma's JS engine cannot run migrate deploy on these machines
 * (docs/decisions/0002-prisma-without-rust-engines.md).
 *
 * Then it applies prisma/functions.sql, recorded nowhere: Prisma's history stays Prisma's, and a changed
 * function is a changed line in that one file (docs/decisions/0027-sql-functions-in-one-file.md).
 */
export async function applyMigrations(
  databaseUrl: string,
  log: (line: string) => void = () => {},
): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const applied: string[] = [];
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK]);
    await client.query(`
      CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
        "id" VARCHAR(36) PRIMARY KEY NOT NULL,
        "checksum" VARCHAR(64) NOT NULL,
        "finished_at" TIMESTAMPTZ,
        "migration_name" VARCHAR(255) NOT NULL,
        "logs" TEXT,
        "rolled_back_at" TIMESTAMPTZ,
        "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
        "applied_steps_count" INTEGER NOT NULL DEFAULT 0
      )`);
    const { rows } = await client.query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
    }>(`SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`);
    const done = new Map(rows.map((row) => [row.migration_name, row]));

    for (const name of listMigrations()) {
      const sql = fs.readFileSync(path.join(MIGRATIONS_DIR, name, "migration.sql"), "utf8");
      const checksum = crypto.createHash("sha256").update(sql).digest("hex");
      const previous = done.get(name);
      if (previous?.finished_at) {
        if (previous.checksum !== checksum)
          log(`migration ${name} was edited after it was applied (checksum differs)`);
        continue;
      }
      if (previous) {
        throw new Error(`migration ${name} failed earlier and needs manual repair (see _prisma_migrations)`);
      }
      const id = crypto.randomUUID();
      await client.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)`,
        [id, checksum, name],
      );
      try {
        await inTransaction(client, sql);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await client.query(`UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1`, [id, message]);
        throw new Error(`migration ${name} failed: ${message}`);
      }
      await client.query(
        `UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`,
        [id],
      );
      applied.push(name);
      log(`applied migration ${name}`);
    }
    await applyFunctions(client);
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_MIGRATE_LOCK]).catch(() => {});
    await client.end();
  }
  return applied;
}

/** Idempotent (CREATE OR REPLACE only), so it runs on every start; one transaction, all or nothing. */
export async function applyFunctions(client: pg.Client): Promise<void> {
  try {
    await inTransaction(client, fs.readFileSync(FUNCTIONS_FILE, "utf8"));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`prisma/functions.sql failed: ${message}`, { cause: error });
  }
}

/** Runs a script all or nothing. */
async function inTransaction(client: pg.Client, sql: string): Promise<void> {
  try {
    await client.query("BEGIN");
    await client.query(sql);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  }
}

function listMigrations(): string[] {
  return fs
    .readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
    .filter(
      (entry) => entry.isDirectory() && fs.existsSync(path.join(MIGRATIONS_DIR, entry.name, "migration.sql")),
    )
    .map((entry) => entry.name)
    .sort();
}
