import { describe, expect, test } from "vitest";
import { recordConnectionOf, sortObjects } from "../../fake-shopify/admin-api/connections";
import type { FakeObject } from "../../fake-shopify/admin-api/objects";

const record = (id: number, updatedAt: string): FakeObject => ({
  __typename: "Order",
  id: `gid://shopify/Order/${id}`,
  createdAt: "2026-12-01T00:00:00Z",
  updatedAt,
});

const ids = (nodes: FakeObject[]) => nodes.map((node) => Number(node.id.split("/").at(-1)));

describe("the fake's root connections page like Shopify's (cursors name a record, not a position)", () => {
  test("a record that moves behind the cursor while a client pages leaves no gap", () => {
    let records = [1, 2, 3, 4, 5, 6].map((id) => record(id, `2026-12-01T00:00:0${id}Z`));
    const args = { first: 3, sortKey: "UPDATED_AT" };
    const first = recordConnectionOf(sortObjects(records, args.sortKey, false), args);
    expect(ids(first.nodes)).toEqual([1, 2, 3]);

    // Record 2 changes: by update time it now sorts last, which shifts every later record one place forward.
    records = records.map((r) => (r.id.endsWith("/2") ? { ...r, updatedAt: "2026-12-01T00:01:00Z" } : r));
    const after = (first.pageInfo as { endCursor: string }).endCursor;
    const second = recordConnectionOf(sortObjects(records, args.sortKey, false), { ...args, after });
    expect(ids(second.nodes)).toEqual([4, 5, 6]);
    const third = recordConnectionOf(sortObjects(records, args.sortKey, false), {
      ...args,
      after: (second.pageInfo as { endCursor: string }).endCursor,
    });
    expect(ids(third.nodes)).toEqual([2]);
    expect((third.pageInfo as { hasNextPage: boolean }).hasNextPage).toBe(false);
  });

  test("a record that enters ahead of the cursor in id order is not read twice into the next page", () => {
    let records = [10, 11, 12, 13].map((id) => record(id, "2026-12-01T00:00:00Z"));
    const args = { first: 2, sortKey: "ID" };
    const first = recordConnectionOf(sortObjects(records, args.sortKey, false), args);
    records = [record(5, "2026-12-01T00:02:00Z"), ...records];
    const second = recordConnectionOf(sortObjects(records, args.sortKey, false), {
      ...args,
      after: (first.pageInfo as { endCursor: string }).endCursor,
    });
    expect(ids(second.nodes)).toEqual([12, 13]);
  });
});
