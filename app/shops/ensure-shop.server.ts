import type { Prisma, PrismaClient } from "@prisma/client";

export interface ShopRow {
  id: number;
  domain: string;
  currency: string;
  timezone: string;
}

/**
 * The shop's row, created on first sight. Atomic under concurrency (the first webhooks of a new shop
 * arrive together): Prisma's upsert is a read-then-write that two requests can race into a unique
 * violation, so this is one INSERT … ON CONFLICT.
 */
export async function ensureShop(db: PrismaClient | Prisma.TransactionClient, domain: string): Promise<ShopRow> {
  const [row] = await db.$queryRaw<ShopRow[]>`
    WITH inserted AS (
      INSERT INTO shop (domain, updated_at) VALUES (${domain}, now())
      ON CONFLICT (domain) DO NOTHING
      RETURNING id, domain, currency, timezone
    )
    SELECT id, domain, currency, timezone FROM inserted
    UNION ALL
    SELECT id, domain, currency, timezone FROM shop WHERE domain = ${domain}
    LIMIT 1`;
  if (!row) throw new Error(`shop ${domain} could not be created`);
  return row;
}
