/**
 * Puts nested connections back inside their parent, for both sources the app reads:
 * - a bulk export, where each nested node is its own JSONL line naming its parent in `__parentId`;
 * - a paginated query, where a connection is `{ nodes: [...] }` or `{ edges: [{ node }] }`.
 * Either way the result has plain arrays (lineItems: [...]), which is what records/from-graphql.ts reads.
 */

type Json = Record<string, unknown>;

/** Which parent field a child line belongs to, from the type named in its gid. */
const CHILD_FIELD: Record<string, string> = {
  LineItem: "lineItems",
  ShippingLine: "shippingLines",
  RefundLineItem: "refundLineItems",
  RefundShippingLine: "refundShippingLines",
};

/** The type named in a gid (gid://shopify/LineItem/1 → LineItem), without a regular expression per child line. */
const GID_PREFIX = "gid://shopify/";
function gidType(id: unknown): string | null {
  if (typeof id !== "string" || !id.startsWith(GID_PREFIX)) return null;
  const end = id.indexOf("/", GID_PREFIX.length);
  return end > GID_PREFIX.length ? id.slice(GID_PREFIX.length, end) : null;
}

/** The records children can hang from: the root and the objects in its lists (refunds). */
function indexById(root: Json): Map<string, Json> {
  const byId = new Map<string, Json>();
  if (typeof root.id === "string") byId.set(root.id, root);
  for (const key in root) {
    const value = root[key];
    if (!Array.isArray(value)) continue;
    for (const item of value as unknown[]) {
      if (item !== null && typeof item === "object" && typeof (item as Json).id === "string")
        byId.set((item as Json).id as string, item as Json);
    }
  }
  return byId;
}

/**
 * One bulk record: its root line and the child lines that followed it (groupObjects: true). The child
 * objects are hung as they are (their `__parentId` stays, unread by the normaliser): copying each one
 * to drop it was a measurable cost per line item on a million-order import. Most children name the
 * root; the index of nested parents (refunds) is built only for a child that does not.
 */
export function assembleBulkRecord(root: Json, children: readonly Json[]): Json {
  let byId: Map<string, Json> | undefined;
  for (const node of children) {
    const parentId = node.__parentId;
    const parent =
      typeof parentId !== "string"
        ? undefined
        : parentId === root.id
          ? root
          : (byId ??= indexById(root)).get(parentId);
    const field = CHILD_FIELD[gidType(node.id) ?? ""];
    if (!parent || !field) continue; // a child the normaliser does not read
    const list = (parent[field] as Json[] | undefined) ?? [];
    list.push(node);
    parent[field] = list;
    if (byId && typeof node.id === "string") byId.set(node.id, node);
  }
  return root;
}

/** A paginated query's node with every `{ nodes }` / `{ edges { node } }` turned into an array. */
export function flattenConnections<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => flattenConnections(item)) as T;
  if (value === null || typeof value !== "object") return value;
  const object = value as Json;
  if (Array.isArray(object.nodes)) return flattenConnections(object.nodes) as T;
  if (Array.isArray(object.edges))
    return flattenConnections((object.edges as { node: unknown }[]).map((edge) => edge.node)) as T;
  const out: Json = {};
  for (const [key, child] of Object.entries(object)) out[key] = flattenConnections(child);
  return out as T;
}
