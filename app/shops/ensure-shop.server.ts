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
 * violation. The insert and the read are two statements on purpose: a racing insert makes ours wait
 * for it and do nothing, and only a statement started after that (a new snapshot) can see its row.
 */
export async function ensureShop(
  db: PrismaClient | Prisma.TransactionClient,
  domain: string,
): Promise<ShopRow> {
  const [inserted] = await db.$queryRaw<ShopRow[]>`
    INSERT INTO shop (domain, updated_at) VALUES (${domain}, now())
    ON CONFLICT (domain) DO NOTHING
    RETURNING id, domain, currency, timezone`;
  if (inserted) return inserted;
  const [existing] = await db.$queryRaw<
    ShopRow[]
  >`SELECT id, domain, currency, timezone FROM shop WHERE domain = ${domain}`;
  if (!existing) throw new Error(`shop ${domain} could not be created`);
  return existing;
}
