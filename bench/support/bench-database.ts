/**
 * The benchmarks' database: DATABASE_URL when set, otherwise an embedded PostgreSQL with a database
 * server's usual memory. BENCH_DIR keeps the cluster (and the stores generated in it) between runs;
 * without it the cluster is thrown away at the end.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { ensureDatabase, startEmbeddedPostgres } from "~/db/embedded-postgres.server";

export interface BenchDatabase {
  url: string;
  /** The cluster's admin URL (for a second database), or undefined on DATABASE_URL. */
  serverUrl?: string;
  stop(): Promise<void>;
}

export async function benchDatabase(name: string, keptPort: number): Promise<BenchDatabase> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => {} };
  const keep = process.env.BENCH_DIR;
  const dir = keep ?? fs.mkdtempSync(path.join(os.tmpdir(), "pulse-bench-"));
  fs.mkdirSync(dir, { recursive: true });
  fs.chmodSync(dir, 0o755);
  const options = {
    dataDir: path.join(dir, "pg"),
    port: keep ? keptPort : 40_000 + Math.floor(Math.random() * 10_000),
  };
  let server = await startEmbeddedPostgres(options);
  // A database server's usual memory instead of the 128 MB default, and room for the bulk load's WAL.
  const admin = new pg.Client({ connectionString: server.serverUrl });
  await admin.connect();
  for (const setting of [
    "shared_buffers = '1GB'",
    "max_wal_size = '4GB'",
    "effective_cache_size = '8GB'",
    "max_connections = 200",
  ])
    await admin.query(`ALTER SYSTEM SET ${setting}`);
  await admin.end();
  await server.stop();
  server = await startEmbeddedPostgres(options);
  const url = await ensureDatabase(server.serverUrl, name);
  return {
    url,
    serverUrl: server.serverUrl,
    stop: async () => {
      await server.stop();
      if (!keep) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Deterministic uniform [0, 1) from a row number and a salt, for the generated stores' SQL. */
export async function createBenchRandom(client: pg.Client): Promise<void> {
  await client.query(`CREATE OR REPLACE FUNCTION bench_random(i bigint, salt int) RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
    $$ SELECT ('x' || substr(md5(i::text || ':' || salt::text), 1, 13))::bit(52)::bigint::float8 / 4503599627370496.0 $$`);
}
