/**
 * Helpers for set-based upserts: one INSERT … SELECT FROM unnest(arrays) per batch instead of one
 * statement per row. Values travel as text arrays and are cast in SQL, which keeps bigint and
 * timestamp handling identical whatever the driver does with JS types.
 */

/** Timestamps as UTC text: the columns are `timestamp(3)` holding UTC, as Prisma writes them. */
export const utc = (date: Date | null): string | null => (date === null ? null : date.toISOString());

export const text = (value: bigint | number | null): string | null => (value === null ? null : String(value));
