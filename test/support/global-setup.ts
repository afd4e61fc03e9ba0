import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { ensureDatabase, startEmbeddedPostgres } from "~/db/embedded-postgres.server";
import { applyMigrations } from "~/db/migrate.server";
import { ensureRemixBuild } from "../../scripts/lib/remix-build";
import { freePort } from "./ports";
import { findRedisServer, startRedisServer, type RedisServer } from "./redis";

declare module "vitest" {
  export interface ProvidedContext {
    pgServerUrl: string;
    pgTemplate: string;
    redisUrl: string | null;
  }
}

export const TEMPLATE_DATABASE = "pulse_template";

/**
 * One real PostgreSQL (embedded, throw-away, fsync off) and one real Redis for the whole run. Each test
 * file clones its own database from a migrated template, so files never see each other's rows.
 */
export default async function setup(project: TestProject) {
  // Tests that go through HTTP use the real Remix build, as the web process does.
  ensureRemixBuild();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "pulse-test-"));
  fs.chmodSync(root, 0o755);
  const pgPort = await freePort();
  const postgres = await startEmbeddedPostgres({
    dataDir: path.join(root, "postgres"),
    port: pgPort,
    fast: true,
  });
  const templateUrl = await ensureDatabase(postgres.serverUrl, TEMPLATE_DATABASE);
  await applyMigrations(templateUrl);

  const redis = await startSharedRedis();
  project.provide("pgServerUrl", postgres.serverUrl);
  project.provide("pgTemplate", TEMPLATE_DATABASE);
  project.provide("redisUrl", redis?.url ?? null);

  return async () => {
    await redis?.stop();
    await postgres.stop();
    fs.rmSync(root, { recursive: true, force: true });
  };
}

async function startSharedRedis(): Promise<RedisServer | null> {
  const binary = findRedisServer();
  if (!binary) {
    if (process.env.CI)
      throw new Error("redis-server is not installed; .ci/run installs it (apt-get install redis-server)");
    console.warn(
      "redis-server not found: the Redis leg of the queue tests is skipped (apt-get install redis-server)",
    );
    return null;
  }
  return startRedisServer(binary);
}
