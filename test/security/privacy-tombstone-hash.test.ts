/**
 * Tombstones hold keyed hashes only: the same person is recognised whatever the spelling of their email
 * or phone, the stored digest does not contain what it recognises, and without the key it cannot be
 * recomputed from a guessed value.
 */
import crypto from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";

async function freshModule(env: Record<string, string | undefined>) {
  vi.resetModules();
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  return import("~/sync/write/tombstones.server");
}

describe("privacy: customer tombstone digests", () => {
  beforeEach(() => {
    process.env.SHOPIFY_API_KEY = "test-api-key";
  });

  it("recognises one phone however it is written, and refuses numbers too short to be one", async () => {
    const { normalisePhone } = await freshModule({
      SHOPIFY_API_SECRET: "test-api-secret",
      CUSTOMER_HASH_KEY: undefined,
    });
    expect(normalisePhone("+1 (613) 555-0142")).toBe("16135550142");
    expect(normalisePhone("16135550142")).toBe("16135550142");
    expect(normalisePhone("12-34")).toBeNull();
    expect(normalisePhone(null)).toBeNull();
  });

  it("keys the digest: neither the value nor its plain hash can be found in it", async () => {
    const { tombstoneDigest } = await freshModule({
      SHOPIFY_API_SECRET: "test-api-secret",
      CUSTOMER_HASH_KEY: undefined,
    });
    const digest = tombstoneDigest("email", "ann@example.com");
    expect(digest).not.toContain("ann");
    expect(digest).not.toBe(crypto.createHash("sha256").update("email:ann@example.com").digest("base64url"));
    // Not keyed by the app secret itself either: that key is derived for this purpose.
    expect(digest).not.toBe(
      crypto.createHmac("sha256", "test-api-secret").update("email:ann@example.com").digest("base64url"),
    );
    expect(tombstoneDigest("phone", "16135550142")).not.toBe(tombstoneDigest("customer", "16135550142"));
  });

  it("uses CUSTOMER_HASH_KEY when it is set, so the app secret can be rotated", async () => {
    const derived = (
      await freshModule({ SHOPIFY_API_SECRET: "test-api-secret", CUSTOMER_HASH_KEY: undefined })
    ).tombstoneDigest("customer", "42");
    const key = "k".repeat(40);
    const keyed = await freshModule({ SHOPIFY_API_SECRET: "rotated-secret", CUSTOMER_HASH_KEY: key });
    expect(keyed.tombstoneDigest("customer", "42")).toBe(
      crypto.createHmac("sha256", key).update("customer:42").digest("base64url"),
    );
    expect(keyed.tombstoneDigest("customer", "42")).not.toBe(derived);
  });
});
