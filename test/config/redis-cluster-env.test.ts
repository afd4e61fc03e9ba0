import { describe, expect, it } from "vitest";
import { parseEnv, redisClusterNodes } from "~/env.server";
import { createQueueBackend } from "~/jobs/queue-backend.server";

const valid = { SHOPIFY_API_KEY: "key", SHOPIFY_API_SECRET: "secret" };

describe("REDIS_CLUSTER_NODES", () => {
  it("takes host:port and redis(s):// seeds, comma-separated, as node URLs", () => {
    expect(redisClusterNodes({})).toBeUndefined();
    expect(redisClusterNodes({ REDIS_CLUSTER_NODES: " " })).toBeUndefined();
    expect(
      redisClusterNodes({
        REDIS_CLUSTER_NODES:
          "10.0.0.1:7000, redis-2.internal:7001,rediss://user:p%40ss@redis-3.internal:6380",
      }),
    ).toEqual([
      "redis://10.0.0.1:7000",
      "redis://redis-2.internal:7001",
      "rediss://user:p%40ss@redis-3.internal:6380",
    ]);
    expect(parseEnv({ ...valid, REDIS_CLUSTER_NODES: "127.0.0.1:7000" }).REDIS_CLUSTER_NODES).toEqual([
      "redis://127.0.0.1:7000",
    ]);
  });

  it.each([
    ["127.0.0.1", "127.0.0.1"],
    ["127.0.0.1:7000,:7001", ":7001"],
    ["http://127.0.0.1:7000", "http://127.0.0.1:7000"],
    ["redis://127.0.0.1:7000/2", "redis://127.0.0.1:7000/2"],
  ])("refuses %j, naming the bad entry", (value, entry) => {
    expect(() => parseEnv({ ...valid, REDIS_CLUSTER_NODES: value })).toThrow(
      `Invalid configuration: REDIS_CLUSTER_NODES has "${entry}": each node must be host:port`,
    );
  });

  it("is one queue backend or the other, never REDIS_URL as well", () => {
    expect(() =>
      parseEnv({ ...valid, REDIS_URL: "redis://127.0.0.1:6379", REDIS_CLUSTER_NODES: "127.0.0.1:7000" }),
    ).toThrow("Invalid configuration: REDIS_CLUSTER_NODES cannot be set together with REDIS_URL");
    expect(() =>
      createQueueBackend({
        databaseUrl: "",
        redisUrl: "redis://127.0.0.1:6379",
        redisClusterNodes: ["redis://127.0.0.1:7000"],
      }),
    ).toThrow("not both");
  });
});
