import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { ensureDatabase, startEmbeddedPostgres } from "../../app/db/embedded-postgres.server";
import { applyMigrations } from "../../app/db/migrate.server";

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
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "pulse-test-"));
  fs.chmodSync(root, 0o755);
  const pgPort = await freePort();
  const postgres = await startEmbeddedPostgres({ dataDir: path.join(root, "postgres"), port: pgPort, fast: true });
  const templateUrl = await ensureDatabase(postgres.serverUrl, TEMPLATE_DATABASE);
  await applyMigrations(templateUrl);

  const redis = await startRedis(root);
  project.provide("pgServerUrl", postgres.serverUrl);
  project.provide("pgTemplate", TEMPLATE_DATABASE);
  project.provide("redisUrl", redis?.url ?? null);

  return async () => {
    redis?.process.kill("SIGTERM");
    await postgres.stop();
    fs.rmSync(root, { recursive: true, force: true });
  };
}

async function startRedis(root: string): Promise<{ url: string; process: ChildProcess } | null> {
  const binary = findRedisServer();
  if (!binary) {
    if (process.env.CI) throw new Error("redis-server is not installed; .ci/run installs it (apt-get install redis-server)");
    console.warn("redis-server not found: the Redis leg of the queue tests is skipped (apt-get install redis-server)");
    return null;
  }
  const port = await freePort();
  const dir = path.join(root, "redis");
  fs.mkdirSync(dir);
  const child = spawn(binary, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir], {
    stdio: "ignore",
  });
  await waitForPort(port);
  return { url: `redis://127.0.0.1:${port}`, process: child };
}

function findRedisServer(): string | null {
  try {
    return execFileSync("sh", ["-c", "command -v redis-server"], { encoding: "utf8" }).trim() || null;
  } catch {
    return null;
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

export async function waitForPort(port: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1", () => {
        socket.end();
        resolve(true);
      });
      socket.on("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`nothing listens on port ${port} after ${timeoutMs} ms`);
}
