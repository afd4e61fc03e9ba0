import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import pg from "pg";
import { databaseReplicaUrl, databaseUrl } from "./env.server";
import { log } from "./logger.server";

const urls = new WeakMap<PrismaClient, string>();

export function createPrismaClient(databaseUrl: string, poolSize = 10): PrismaClient {
  // Prisma runs on its JS engine through node-postgres (no Rust engine can be downloaded here).
  const client = new PrismaClient({
    adapter: new PrismaPg({ connectionString: databaseUrl, max: poolSize }),
  });
  urls.set(client, databaseUrl);
  return client;
}

/**
 * The database URL a client was created with (createPrismaClient), for work that needs a connection of
 * its own beside the client's pool; undefined for clients made elsewhere.
 */
export function databaseUrlOf(client: PrismaClient): string | undefined {
  return urls.get(client);
}

declare global {
  var __pulsePrisma: PrismaClient | undefined;
  var __pulseReplicaPrisma: PrismaClient | undefined;
  var __pulseIntakePool: pg.Pool | undefined;
}

/**
 * The process-wide client. DATABASE_URL is read when first used, after the entry point has started
 * the embedded database (if any); a global keeps one pool across Remix dev reloads.
 */
export function db(): PrismaClient {
  if (!globalThis.__pulsePrisma) {
    const url = databaseUrl();
    if (!url)
      throw new Error(
        "DATABASE_URL is not set: start the process through server.ts, workers/main.ts or the demo",
      );
    globalThis.__pulsePrisma = createPrismaClient(url);
  }
  return globalThis.__pulsePrisma;
}

/**
 * The client for page loaders' reads: DATABASE_REPLICA_URL's replica when set, else the primary. Only
 * for reads that may lag the primary by the replica's delay (snapshots, customers, exports): never
 * for a write, a read-then-write, or a read right after the request's own write (docs/scaling.md).
 */
export function readDb(): PrismaClient {
  const url = databaseReplicaUrl();
  if (!url) return db();
  globalThis.__pulseReplicaPrisma ??= createPrismaClient(url);
  return globalThis.__pulseReplicaPrisma;
}

/**
 * A few plain `pg` connections for the webhook intake, beside Prisma's pool: its statements are
 * written by hand, and the ORM cost several times what they do (decision 0029).
 */
export function intakePool(): pg.Pool {
  if (!globalThis.__pulseIntakePool) {
    const url = databaseUrl() ?? databaseUrlOf(db());
    const pool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 3_000 });
    // An idle connection the server dropped must not crash the process; the next query reconnects.
    pool.on("error", (error) => log.warn("intake database connection lost", { error }));
    globalThis.__pulseIntakePool = pool;
  }
  return globalThis.__pulseIntakePool;
}

export async function disconnectDb(): Promise<void> {
  await globalThis.__pulsePrisma?.$disconnect();
  await globalThis.__pulseReplicaPrisma?.$disconnect();
  globalThis.__pulsePrisma = undefined;
  globalThis.__pulseReplicaPrisma = undefined;
  await globalThis.__pulseIntakePool?.end();
  globalThis.__pulseIntakePool = undefined;
}
