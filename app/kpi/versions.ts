/**
 * Webhooks arrive at least once and out of order: for each record key the version with the highest
 * `updatedAt` wins. On a tie the first one seen stays, so replaying a duplicate changes nothing.
 */

export function latestVersionsBy<T extends { readonly updatedAt: Date }>(
  records: Iterable<T>,
  keyOf: (record: T) => string,
): T[] {
  const newest = new Map<string, T>();
  for (const record of records) {
    const key = keyOf(record);
    const kept = newest.get(key);
    if (!kept || record.updatedAt.getTime() > kept.updatedAt.getTime()) newest.set(key, record);
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
