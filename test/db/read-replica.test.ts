/**
 * DATABASE_REPLICA_URL: page loaders read a replica when one is configured, the primary otherwise,
 * and a malformed URL is refused at start-up like DATABASE_URL.
 */
import { afterEach, describe, expect, it } from "vitest";
import { databaseUrlOf, db, disconnectDb, readDb } from "~/db.server";
import { parseEnv } from "~/env.server";

const PRIMARY = "postgresql://pulse@127.0.0.1:1/primary";
const REPLICA = "postgresql://pulse@127.0.0.1:1/replica";

describe("read replica for page loaders", () => {
  const saved = { primary: process.env.DATABASE_URL, replica: process.env.DATABASE_REPLICA_URL };
  afterEach(async () => {
    await disconnectDb();
    process.env.DATABASE_URL = saved.primary;
    if (saved.replica === undefined) delete process.env.DATABASE_REPLICA_URL;
    else process.env.DATABASE_REPLICA_URL = saved.replica;
  });

  it("falls back to the primary when no replica is set", () => {
    process.env.DATABASE_URL = PRIMARY;
    delete process.env.DATABASE_REPLICA_URL;
    expect(readDb()).toBe(db());
  });

  it("reads the replica when one is set, and writes still go to the primary", () => {
    process.env.DATABASE_URL = PRIMARY;
    process.env.DATABASE_REPLICA_URL = REPLICA;
    expect(databaseUrlOf(readDb())).toBe(REPLICA);
    expect(readDb()).toBe(readDb());
    expect(databaseUrlOf(db())).toBe(PRIMARY);
  });

  it("refuses a replica URL that is not PostgreSQL's", () => {
    expect(() =>
      parseEnv({ SHOPIFY_API_KEY: "k", SHOPIFY_API_SECRET: "s", DATABASE_REPLICA_URL: "mysql://db/pulse" }),
    ).toThrow("DATABASE_REPLICA_URL must be a URL starting with postgres:// or postgresql://");
  });
});
