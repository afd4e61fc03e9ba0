import type { FakeObject } from "./objects";

export interface PageArgs {
  first?: number | null;
  after?: string | null;
  query?: string | null;
  sortKey?: string | null;
  reverse?: boolean | null;
}

const encode = (index: number) => Buffer.from(JSON.stringify({ last_index: index })).toString("base64");
const decode = (cursor: string) =>
  (JSON.parse(Buffer.from(cursor, "base64").toString("utf8")) as { last_index: number }).last_index;

/** A Relay connection over a record's own list (line items and the like, which never change under a reader). */
export function connectionOf<T>(
  items: readonly T[],
  args: PageArgs,
): { edges: { node: T; cursor: string }[]; nodes: T[]; pageInfo: object } {
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

interface RecordCursor {
  last_id: string;
  last_value: string | null;
}

/**
 * A root connection over records sorted by `sortObjects`. As Shopify's, its cursors hold the last record's
 * sort value and id, not a position: a record that enters the filter or moves between two pages cannot
 * shift the next page, so paging skips nothing.
 */
export function recordConnectionOf(
  records: readonly FakeObject[],
  args: PageArgs,
): ReturnType<typeof connectionOf<FakeObject>> {
  const field = sortField(args.sortKey);
  const cursorOf = (record: FakeObject): string =>
    Buffer.from(
      JSON.stringify({
        last_id: record.id,
        last_value: field ? String(record[field]) : null,
      } satisfies RecordCursor),
    ).toString("base64");
  let start = 0;
  if (args.after) {
    const last = JSON.parse(Buffer.from(args.after, "base64").toString("utf8")) as RecordCursor;
    const probe = { id: last.last_id, ...(field ? { [field]: last.last_value } : {}) } as FakeObject;
    const compare = compareObjects(args.sortKey, args.reverse);
    start = records.findIndex((record) => compare(record, probe) > 0);
    if (start < 0) start = records.length;
  }
  const end = args.first == null ? records.length : Math.min(records.length, start + args.first);
  const nodes = records.slice(start, end);
  return {
    edges: nodes.map((node) => ({ node, cursor: cursorOf(node) })),
    nodes,
    pageInfo: {
      hasNextPage: end < records.length,
      hasPreviousPage: start > 0,
      startCursor: nodes.length ? cursorOf(nodes[0]!) : null,
      endCursor: nodes.length ? cursorOf(nodes.at(-1)!) : null,
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
    const ok =
      op === ">="
        ? left >= right
        : op === "<="
          ? left <= right
          : op === ">"
            ? left > right
            : op === "<"
              ? left < right
              : left === right;
    if (!ok) return false;
  }
  return true;
}

const numericId = (gid: string) => BigInt(gid.slice(gid.lastIndexOf("/") + 1));

const sortField = (sortKey: string | null | undefined) =>
  sortKey === "UPDATED_AT"
    ? "updatedAt"
    : sortKey === "CREATED_AT"
      ? "createdAt"
      : sortKey === "PROCESSED_AT"
        ? "processedAt"
        : null;

function compareObjects(
  sortKey: string | null | undefined,
  reverse: boolean | null | undefined,
): (a: FakeObject, b: FakeObject) => number {
  const field = sortField(sortKey);
  const sign = reverse ? -1 : 1;
  return (a, b) => {
    if (field) {
      const diff = new Date(String(a[field])).getTime() - new Date(String(b[field])).getTime();
      if (diff !== 0) return sign * diff;
    }
    const ia = numericId(a.id);
    const ib = numericId(b.id);
    return sign * (ia < ib ? -1 : ia > ib ? 1 : 0);
  };
}

export function sortObjects(
  objects: FakeObject[],
  sortKey: string | null | undefined,
  reverse: boolean | null | undefined,
): FakeObject[] {
  return [...objects].sort(compareObjects(sortKey, reverse));
}
