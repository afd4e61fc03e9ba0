/**
 * Helpers for set-based upserts: one INSERT … SELECT FROM unnest(arrays) per batch instead of one
 * statement per row. Values travel as text arrays and are cast in SQL, which keeps bigint and
 * timestamp handling identical whatever the driver does with JS types.
 */

/**
 * One row per key, the newest by `updatedAt` (the later one on a tie, as a later delivery would win).
 * PostgreSQL refuses an ON CONFLICT DO UPDATE that touches the same row twice in one statement.
 */
export function newestPerKey<T>(
  rows: readonly T[],
  key: (row: T) => string,
  updatedAt: (row: T) => Date,
): T[] {
  const kept = new Map<string, T>();
  for (const row of rows) {
    const k = key(row);
    const previous = kept.get(k);
    if (!previous || updatedAt(previous).getTime() <= updatedAt(row).getTime()) kept.set(k, row);
  }
  return [...kept.values()];
}

/** Timestamps as UTC text: the columns are `timestamp(3)` holding UTC, as Prisma writes them. */
export const utc = (date: Date | null): string | null => (date === null ? null : date.toISOString());

export const text = (value: bigint | number | null): string | null => (value === null ? null : String(value));
