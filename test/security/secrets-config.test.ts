/** SESSION_ENCRYPTION_KEYS: required in production, each key 32 bytes of base64, several for rotation. */
import { describe, expect, it } from "vitest";
import { parseEnv } from "~/env.server";

const production = {
  NODE_ENV: "production",
  SHOPIFY_API_KEY: "key",
  SHOPIFY_API_SECRET: "secret",
  DATABASE_URL: "postgres://db/pulse",
  SHOPIFY_APP_URL: "https://pulse.example",
};
const key = (fill: number) => Buffer.alloc(32, fill).toString("base64");

describe("SESSION_ENCRYPTION_KEYS", () => {
  it("is required in production", () => {
    expect(() => parseEnv(production)).toThrow(
      "Invalid configuration: SESSION_ENCRYPTION_KEYS is required in production",
    );
  });

  it("takes comma-separated 32-byte base64 keys, the first one first", () => {
    expect(
      parseEnv({ ...production, SESSION_ENCRYPTION_KEYS: ` ${key(2)}, ${key(1)} ` }).SESSION_ENCRYPTION_KEYS,
    ).toEqual([key(2), key(1)]);
  });

  it.each([
    ["short", Buffer.alloc(16, 1).toString("base64")],
    ["not base64", "not a key at all!"],
    ["one bad of two", `${key(1)},${key(2).slice(0, 20)}`],
  ])("refuses a %s key", (_name, value) => {
    expect(() => parseEnv({ ...production, SESSION_ENCRYPTION_KEYS: value })).toThrow(
      "Invalid configuration: SESSION_ENCRYPTION_KEYS must be comma-separated base64 keys of 32 bytes each",
    );
  });

  it("is optional outside production (a key is derived from the API secret there)", () => {
    expect(
      parseEnv({ SHOPIFY_API_KEY: "key", SHOPIFY_API_SECRET: "secret" }).SESSION_ENCRYPTION_KEYS,
    ).toEqual([]);
  });
});
