/**
 * Walks the database catalogue rather than a list of tables the tests know about, so a table added
 * later (or a per-shop table the KPI engine creates) is checked too.
 */
import type { PrismaClient } from "@prisma/client";

export interface CatalogueTable {
  schema: string;
  table: string;
  columns: string[];
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Every ordinary table of every schema but PostgreSQL's own, with its column names. */
export async function catalogueTables(prisma: PrismaClient): Promise<CatalogueTable[]> {
  const rows = await prisma.$queryRaw<{ schema: string; table: string; columns: string[] }[]>`
    SELECT n.nspname::text AS schema, c.relname::text AS table,
      ARRAY(SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum) AS columns
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
      AND n.nspname NOT LIKE 'pg_temp%'
    ORDER BY 1, 2`;
  return rows;
}

export const qualified = (t: CatalogueTable) => `${quote(t.schema)}.${quote(t.table)}`;

/**
 * Rows of any table whose text form (every column: text, JSON, arrays, numbers) contains one of the
 * needles, case-insensitively: "schema.table: row" lines, empty when nothing is found.
 */
export async function rowsContaining(
  prisma: PrismaClient,
  needles: string[],
  skip: (t: CatalogueTable) => boolean = () => false,
): Promise<string[]> {
  const patterns = needles.map((needle) => `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const found: string[] = [];
  for (const table of await catalogueTables(prisma)) {
    if (skip(table)) continue;
    const rows = await prisma.$queryRawUnsafe<{ row: string }[]>(
      `SELECT t::text AS row FROM ${qualified(table)} t WHERE t::text ILIKE ANY($1::text[]) LIMIT 5`,
      patterns,
    );
    for (const { row } of rows) found.push(`${table.schema}.${table.table}: ${row.slice(0, 300)}`);
  }
  return found;
}
