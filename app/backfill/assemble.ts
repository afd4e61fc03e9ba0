/**
 * Puts nested connections back inside their parent, for both sources the app reads:
 * - a bulk export, where each nested node is its own JSONL line naming its parent in `__parentId`;
 * - a paginated query, where a connection is `{ nodes: [...] }` or `{ edges: [{ node }] }`.
 * Either way the result has plain arrays (lineItems: [...]), which is what the normaliser reads.
 */

type Json = Record<string, unknown>;

/** Which parent field a child line belongs to, from the type named in its gid. */
const CHILD_FIELD: Record<string, string> = {
  LineItem: "lineItems",
  ShippingLine: "shippingLines",
  RefundLineItem: "refundLineItems",
  RefundShippingLine: "refundShippingLines",
};

const gidType = (id: unknown): string | null => (typeof id === "string" ? (/^gid:\/\/shopify\/(\w+)\//.exec(id)?.[1] ?? null) : null);

/** The records children can hang from: the root and the objects in its lists (refunds). */
function indexById(root: Json): Map<string, Json> {
  const byId = new Map<string, Json>();
  if (typeof root.id === "string") byId.set(root.id, root);
  for (const value of Object.values(root)) {
    if (!Array.isArray(value)) continue;
    for (const item of value as unknown[]) {
      if (item !== null && typeof item === "object" && typeof (item as Json).id === "string") byId.set((item as Json).id as string, item as Json);
    }
  }
  return byId;
}

/** One bulk record: its root line and the child lines that followed it (groupObjects: true). */
export function assembleBulkRecord(root: Json, children: readonly Json[]): Json {
  if (children.length === 0) return root;
  const byId = indexById(root);
  for (const child of children) {
    const { __parentId: parentId, ...node } = child;
    const parent = typeof parentId === "string" ? byId.get(parentId) : undefined;
    const field = CHILD_FIELD[gidType(node.id) ?? ""];
    if (!parent || !field) continue; // a child the normaliser does not read
    const list = (parent[field] as Json[] | undefined) ?? [];
    list.push(node);
    parent[field] = list;
    if (typeof node.id === "string") byId.set(node.id, node);
  }
  return root;
}

/** A paginated query's node with every `{ nodes }` / `{ edges { node } }` turned into an array. */
export function flattenConnections<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => flattenConnections(item)) as T;
  if (value === null || typeof value !== "object") return value;
  const object = value as Json;
  if (Array.isArray(object.nodes)) return flattenConnections(object.nodes) as T;
  if (Array.isArray(object.edges)) return flattenConnections((object.edges as { node: unknown }[]).map((edge) => edge.node)) as T;
  const out: Json = {};
  for (const [key, child] of Object.entries(object)) out[key] = flattenConnections(child);
  return out as T;
}
