/**
 * Webhooks arrive at least once and out of order: for each record key the version with the highest
 * `updatedAt` wins. On a tie the first one seen stays, so replaying a duplicate changes nothing.
 */
export function latestVersionsBy<T extends { readonly updatedAt: Date }>(
  records: Iterable<T>,
  keyOf: (record: T) => string,
): T[] {
  return newestPerKey(records, keyOf, (record) => record.updatedAt, "first");
}

/**
 * One record per key, the one with the highest `updatedAt`, in the order keys were first seen. `onTie`
 * says which of two equal versions stays: the first seen, or the later one (a batch written in one
 * statement, which PostgreSQL refuses to touch a row twice in, keeps what row-by-row writes would leave).
 */
export function newestPerKey<T>(
  records: Iterable<T>,
  keyOf: (record: T) => string,
  updatedAt: (record: T) => Date,
  onTie: "first" | "later",
): T[] {
  const newest = new Map<string, T>();
  for (const record of records) {
    const key = keyOf(record);
    const kept = newest.get(key);
    const order = kept === undefined ? 1 : updatedAt(record).getTime() - updatedAt(kept).getTime();
    if (order > 0 || (order === 0 && onTie === "later")) newest.set(key, record);
  }
  return [...newest.values()];
}

export function latestVersions<T extends { readonly id: string; readonly updatedAt: Date }>(
  records: Iterable<T>,
): T[] {
  return latestVersionsBy(records, (record) => record.id);
}

/** Records without versions (refunds are immutable): keep the first copy of each id. */
export function uniqueById<T extends { readonly id: string }>(records: Iterable<T>): T[] {
  const seen = new Map<string, T>();
  for (const record of records) if (!seen.has(record.id)) seen.set(record.id, record);
  return [...seen.values()];
}
