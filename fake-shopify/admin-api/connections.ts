import type { FakeObject } from "./objects";

export interface PageArgs {
  first?: number | null;
  after?: string | null;
  query?: string | null;
  sortKey?: string | null;
  reverse?: boolean | null;
}

const encode = (index: number) => Buffer.from(JSON.stringify({ last_index: index })).toString("base64");
const decode = (cursor: string) => (JSON.parse(Buffer.from(cursor, "base64").toString("utf8")) as { last_index: number }).last_index;

/** A Relay connection over an already filtered and sorted list (cursors are opaque, as Shopify's are). */
export function connectionOf<T>(items: readonly T[], args: PageArgs): { edges: { node: T; cursor: string }[]; nodes: T[]; pageInfo: object } {
  const start = args.after ? decode(args.after) + 1 : 0;
  const end = args.first == null ? items.length : Math.min(items.length, start + args.first);
  const nodes = items.slice(start, end);
  return {
    edges: nodes.map((node, i) => ({ node, cursor: encode(start + i) })),
    nodes,
    pageInfo: {
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
      startCursor: nodes.length ? encode(start) : null,
      endCursor: nodes.length ? encode(end - 1) : null,
    },
  };
}

/**
 * The part of Shopify's search syntax reconciliation uses: `updated_at:>='…'`, `created_at:<=…` and
 * friends, joined by spaces/AND. Unknown terms are ignored, as Shopify ignores unknown filters.
 */
export function matchesSearch(object: FakeObject, query: string | null | undefined): boolean {
  if (!query) return true;
  const terms = query.matchAll(/(updated_at|created_at|processed_at):(>=|<=|>|<)?['"]?([^'"\s]+)['"]?/g);
  for (const [, field, op = "=", value] of terms) {
    const key = field === "updated_at" ? "updatedAt" : field === "created_at" ? "createdAt" : "processedAt";
    const left = new Date(String(object[key])).getTime();
    const right = new Date(value!).getTime();
    if (Number.isNaN(right)) continue;
    const ok = op === ">=" ? left >= right : op === "<=" ? left <= right : op === ">" ? left > right : op === "<" ? left < right : left === right;
    if (!ok) return false;
  }
  return true;
}

const numericId = (gid: string) => BigInt(gid.slice(gid.lastIndexOf("/") + 1));

export function sortObjects(objects: FakeObject[], sortKey: string | null | undefined, reverse: boolean | null | undefined): FakeObject[] {
  const field = sortKey === "UPDATED_AT" ? "updatedAt" : sortKey === "CREATED_AT" ? "createdAt" : sortKey === "PROCESSED_AT" ? "processedAt" : null;
  const sorted = [...objects].sort((a, b) => {
    if (field) {
      const diff = new Date(String(a[field])).getTime() - new Date(String(b[field])).getTime();
      if (diff !== 0) return diff;
    }
    const ia = numericId(a.id);
    const ib = numericId(b.id);
    return ia < ib ? -1 : ia > ib ? 1 : 0;
  });
  return reverse ? sorted.reverse() : sorted;
}
