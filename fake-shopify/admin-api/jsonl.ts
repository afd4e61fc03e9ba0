/**
 * Shopify's bulk export format: one JSON object a line; a nested connection's nodes leave their parent
 * and follow it as lines of their own naming it in `__parentId` (lists such as `refunds` stay inline).
 * With groupObjects the children come right after their parent, which is what this writes.
 */
type Json = Record<string, unknown>;

const isConnection = (value: Json) => Array.isArray(value.edges) || Array.isArray(value.nodes);
const nodesOf = (value: Json): Json[] =>
  Array.isArray(value.nodes)
    ? (value.nodes as Json[])
    : (value.edges as { node: Json }[]).map((edge) => edge.node);

/** Copies `value` without its connections, collecting their nodes with the id of the record owning them. */
function strip(value: unknown, ownerId: string, children: { node: Json; parentId: string }[]): unknown {
  if (Array.isArray(value)) return value.map((item) => strip(item, ownerId, children));
  if (value === null || typeof value !== "object") return value;
  const object = value as Json;
  if (isConnection(object)) {
    for (const node of nodesOf(object)) children.push({ node, parentId: ownerId });
    return undefined;
  }
  const id = typeof object.id === "string" ? object.id : ownerId;
  const copy: Json = {};
  for (const [key, child] of Object.entries(object)) {
    const kept = strip(child, id, children);
    if (kept !== undefined) copy[key] = kept;
  }
  return copy;
}

/** The JSONL lines of one root record and everything nested in it, parent first. */
export function bulkLines(root: Json): string[] {
  const lines: string[] = [];
  const visit = (node: Json, parentId: string | null) => {
    const children: { node: Json; parentId: string }[] = [];
    const own = strip(node, typeof node.id === "string" ? node.id : (parentId ?? ""), children) as Json;
    lines.push(JSON.stringify(parentId === null ? own : { ...own, __parentId: parentId }));
    for (const child of children) visit(child.node, child.parentId);
  };
  visit(root, null);
  return lines;
}
