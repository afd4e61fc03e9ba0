import crypto from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import pg from "pg";
import { inject } from "vitest";
import { ensureDatabase } from "~/db/embedded-postgres.server";
import { createPrismaClient } from "~/db.server";

export interface TestDatabase {
  url: string;
  prisma: PrismaClient;
  drop(): Promise<void>;
}

/** A fresh, migrated database of this test file's own (cloned from the run's template). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = inject("pgServerUrl");
  const name = `t_${crypto.randomBytes(6).toString("hex")}`;
  const url = await ensureDatabase(serverUrl, name, inject("pgTemplate"));
  const prisma = createPrismaClient(url, 5);
  return {
    url,
    prisma,
    async drop() {
      await prisma.$disconnect();
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}
