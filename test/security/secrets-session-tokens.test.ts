/**
 * Offline access tokens can read every customer of a shop: the session table must never hold one in
 * clear text. Encrypted with AES-256-GCM, keys rotate, and a tampered or moved ciphertext is refused.
 */
import { randomBytes } from "node:crypto";
import { Session } from "@shopify/shopify-api";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EncryptedSessionStorage } from "~/secrets/encrypted-session-storage.server";
import { keyRing } from "~/secrets/token-cipher.server";
import { createTestDatabase, type TestDatabase } from "../support/database";

const offline = (shop: string, accessToken: string) =>
  new Session({ id: `offline_${shop}`, shop, state: "", isOnline: false, scope: "read_orders", accessToken });
const token = () => `shpat_${randomBytes(16).toString("hex")}`;

describe("access tokens at rest", () => {
  let database: TestDatabase;
  const storedColumn = async (id: string) =>
    (await database.prisma.session.findUniqueOrThrow({ where: { id } })).accessToken;
  const plainStorage = () => new PrismaSessionStorage(database.prisma);

  beforeAll(async () => {
    database = await createTestDatabase();
    Object.assign(process.env, {
      NODE_ENV: "test",
      SHOPIFY_API_KEY: "test-api-key",
      SHOPIFY_API_SECRET: "test-api-secret",
      SHOPIFY_APP_URL: "http://localhost:3000",
      DATABASE_URL: database.url,
      LOG_LEVEL: "error",
    });
    delete process.env.SESSION_ENCRYPTION_KEYS;
  });
  afterAll(async () => {
    await database.drop();
  });

  it("the app's own session storage stores the offline token encrypted, and loads it back", async () => {
    const { shopify } = await import("~/shopify.server");
    const storage = shopify().sessionStorage;
    const secret = token();
    await storage.storeSession(offline("app-wired.myshopify.com", secret));
    const column = await storedColumn("offline_app-wired.myshopify.com");
    expect(column).not.toContain(secret);
    expect(column).toMatch(/^enc:v1:/);
    const rows = await database.prisma.$queryRaw<
      { row: string }[]
    >`SELECT row_to_json(s)::text AS row FROM session s`;
    expect(rows.map((r) => r.row).join("\n")).not.toContain(secret);
    expect((await storage.loadSession("offline_app-wired.myshopify.com"))?.accessToken).toBe(secret);
    expect((await storage.findSessionsByShop("app-wired.myshopify.com")).map((s) => s.accessToken)).toEqual([
      secret,
    ]);
  });

  it("a clear-text row written before encryption still loads, and is sealed as it loads", async () => {
    const ring = keyRing([randomBytes(32)]);
    const storage = new EncryptedSessionStorage(plainStorage(), ring);
    const secret = token();
    await plainStorage().storeSession(offline("legacy.myshopify.com", secret));
    expect(await storedColumn("offline_legacy.myshopify.com")).toBe(secret);
    const loaded = await storage.loadSession("offline_legacy.myshopify.com");
    expect(loaded?.accessToken).toBe(secret);
    expect(await storedColumn("offline_legacy.myshopify.com")).toMatch(/^enc:v1:/);
    expect((await storage.loadSession("offline_legacy.myshopify.com"))?.accessToken).toBe(secret);
  });

  it("rotates: a new first key seals (old rows too, as they load), the old one still opens, a dropped key opens nothing", async () => {
    const [oldKey, newKey] = [randomBytes(32), randomBytes(32)];
    const before = new EncryptedSessionStorage(plainStorage(), keyRing([oldKey]));
    const during = new EncryptedSessionStorage(plainStorage(), keyRing([newKey, oldKey]));
    const after = new EncryptedSessionStorage(plainStorage(), keyRing([newKey]));
    const secret = token();
    await before.storeSession(offline("rotate.myshopify.com", secret));
    const sealedOld = await storedColumn("offline_rotate.myshopify.com");
    expect(await after.loadSession("offline_rotate.myshopify.com")).toBeUndefined();

    const loaded = await during.loadSession("offline_rotate.myshopify.com");
    expect(loaded?.accessToken).toBe(secret);
    const sealedNew = await storedColumn("offline_rotate.myshopify.com");
    expect(sealedNew.split(":")[2]).not.toBe(sealedOld.split(":")[2]); // another key id
    expect((await after.loadSession("offline_rotate.myshopify.com"))?.accessToken).toBe(secret);
    expect(await before.loadSession("offline_rotate.myshopify.com")).toBeUndefined();
  });

  it("refuses a tampered ciphertext, and one copied into another shop's row", async () => {
    const storage = new EncryptedSessionStorage(plainStorage(), keyRing([randomBytes(32)]));
    await storage.storeSession(offline("victim.myshopify.com", token()));
    await storage.storeSession(offline("attacker.myshopify.com", token()));
    const sealed = await storedColumn("offline_victim.myshopify.com");

    const parts = sealed.split(":");
    const body = Buffer.from(parts[5]!, "base64url");
    body[0]! ^= 0x01;
    const tampered = [...parts.slice(0, 5), body.toString("base64url")].join(":");
    await database.prisma.session.update({
      where: { id: "offline_victim.myshopify.com" },
      data: { accessToken: tampered },
    });
    expect(await storage.loadSession("offline_victim.myshopify.com")).toBeUndefined();
    expect(await storage.findSessionsByShop("victim.myshopify.com")).toEqual([]);

    await database.prisma.session.update({
      where: { id: "offline_attacker.myshopify.com" },
      data: { accessToken: sealed },
    });
    expect(await storage.loadSession("offline_attacker.myshopify.com")).toBeUndefined();
  });
});
