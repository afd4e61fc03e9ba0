/** SHOPIFY_APP_URL is the address in every digest link: production must name it, never fall back to localhost. */
import { describe, expect, it } from "vitest";
import { parseEnv } from "~/env.server";

const production = {
  NODE_ENV: "production",
  SHOPIFY_API_KEY: "key",
  SHOPIFY_API_SECRET: "secret",
  DATABASE_URL: "postgres://db/pulse",
  SESSION_ENCRYPTION_KEYS: Buffer.alloc(32, 7).toString("base64"),
};

describe("SHOPIFY_APP_URL", () => {
  it("is required in production", () => {
    expect(() => parseEnv(production)).toThrow(
      "Invalid configuration: SHOPIFY_APP_URL is required in production",
    );
    expect(parseEnv({ ...production, SHOPIFY_APP_URL: "https://pulse.example" }).SHOPIFY_APP_URL).toBe(
      "https://pulse.example",
    );
  });

  it("defaults to localhost only outside production", () => {
    expect(parseEnv({ SHOPIFY_API_KEY: "key", SHOPIFY_API_SECRET: "secret" }).SHOPIFY_APP_URL).toBe(
      "http://localhost:3000",
    );
    expect(
      parseEnv({ NODE_ENV: "test", SHOPIFY_API_KEY: "key", SHOPIFY_API_SECRET: "secret" }).SHOPIFY_APP_URL,
    ).toBe("http://localhost:3000");
  });
});
