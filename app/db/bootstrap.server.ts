import path from "node:path";
import pg from "pg";
import { type Env, publishDatabaseUrl } from "~/env.server";
import { ensureDatabase, startEmbeddedPostgres } from "./embedded-postgres.server";
import { applyMigrations } from "./migrate.server";

export interface DatabaseHandle {
  url: string;
  /** True when this process started the embedded server (and so stops it). */
  startedEmbedded: boolean;
  stop(): Promise<void>;
}

const DATABASE_NAME = "pulse";

/**
 * Gives the process a migrated database. With DATABASE_URL set it only migrates (production never starts
 * anything). Without it, it uses the embedded PostgreSQL under DATA_DIR, starting it unless another
 * process of this app (the demo, the web process) already did. Publishes the URL as DATABASE_URL.
 */
export async function prepareDatabase(
  config: Pick<Env, "DATABASE_URL" | "DATA_DIR" | "EMBEDDED_POSTGRES_PORT">,
  log: (line: string) => void = () => {},
): Promise<DatabaseHandle> {
  if (config.DATABASE_URL) {
    await applyMigrations(config.DATABASE_URL, log);
    return { url: config.DATABASE_URL, startedEmbedded: false, stop: async () => {} };
  }

  const port = config.EMBEDDED_POSTGRES_PORT;
  const serverUrl = `postgresql://postgres:pulse-local@127.0.0.1:${port}/postgres`;
  let stop = async () => {};
  let startedEmbedded = false;
  if (!(await reachable(serverUrl))) {
    const dataDir = path.resolve(config.DATA_DIR, "postgres");
    log(`starting embedded PostgreSQL on 127.0.0.1:${port} (data in ${dataDir})`);
    const server = await startEmbeddedPostgres({ dataDir, port });
    stop = () => server.stop();
    startedEmbedded = true;
  }
  const url = await ensureDatabase(serverUrl, DATABASE_NAME);
  await applyMigrations(url, log);
  publishDatabaseUrl(url);
  return { url, startedEmbedded, stop };
}

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}
