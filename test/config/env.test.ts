import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEnv } from "~/env.server";

const valid = { SHOPIFY_API_KEY: "key", SHOPIFY_API_SECRET: "secret" };
const ROOT = path.resolve(import.meta.dirname, "../..");

describe("configuration", () => {
  it("fills defaults for a minimal development environment", () => {
    const env = parseEnv(valid);
    expect(env).toMatchObject({
      NODE_ENV: "development",
      PORT: 3000,
      DATA_DIR: ".data",
      DEMO_MODE: false,
      WORKER_CONCURRENCY: 8,
    });
    // Unset URLs mean "start the embedded database" and "queue on PostgreSQL".
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.REDIS_URL).toBeUndefined();
  });

  it.each([
    [{}, "Invalid configuration: SHOPIFY_API_KEY is required"],
    [{ SHOPIFY_API_KEY: "key" }, "Invalid configuration: SHOPIFY_API_SECRET is required"],
    [
      { ...valid, DATABASE_URL: "mysql://db/pulse" },
      "Invalid configuration: DATABASE_URL must be a URL starting with postgres:// or postgresql://",
    ],
    [
      { ...valid, REDIS_URL: "localhost:6379" },
      "Invalid configuration: REDIS_URL must be a URL starting with redis:// or rediss://",
    ],
    [{ ...valid, PORT: "eighty" }, "Invalid configuration: PORT must be a positive whole number"],
    [{ ...valid, PORT: "-1" }, "Invalid configuration: PORT must be a positive whole number"],
    [{ ...valid, DEMO_MODE: "maybe" }, "Invalid configuration: DEMO_MODE must be true or false"],
    [
      { ...valid, CUSTOMER_HASH_KEY: "short" },
      "Invalid configuration: CUSTOMER_HASH_KEY must be at least 32 characters",
    ],
    [
      { ...valid, SHOPIFY_APP_URL: "not a url" },
      "Invalid configuration: SHOPIFY_APP_URL must be the app's public https URL",
    ],
    [
      { ...valid, NODE_ENV: "production" },
      "Invalid configuration: DATABASE_URL is required in production (no embedded database there)",
    ],
    [
      { ...valid, NODE_ENV: "production", DATABASE_URL: "postgres://db/pulse", DEMO_MODE: "true" },
      "Invalid configuration: DEMO_MODE cannot be on in production",
    ],
  ])("refuses %j with one line naming the variable", (source, message) => {
    expect(() => parseEnv(source)).toThrow(message);
  });

  // Starting tsx takes seconds on a loaded machine: the bound only stops a hung process, it is no line.
  it("stops the worker process at start-up with that one line and exit code 1", { timeout: 200_000 }, () => {
    const result = spawnSync(
      path.join(ROOT, "node_modules/.bin/node"),
      ["--import", "tsx", "workers/main.ts"],
      {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH,
          NODE_ENV: "development",
          SHOPIFY_API_KEY: "key",
          REDIS_URL: "redis:nope",
        },
        encoding: "utf8",
        timeout: 180_000,
      },
    );
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe("Invalid configuration: SHOPIFY_API_SECRET is required");
  });
});
