/**
 * Log fields as plain JSON values. An Error keeps what explains it (JSON would give {}): name, message,
 * stack, its cause, the errors of an AggregateError and Node's codes (ECONNREFUSED, errno, address);
 * the stack stays a string field, so one error is still one line. BigInts become strings.
 */
export function plainFields(fields: Record<string, unknown>): Record<string, unknown> {
  return plain(fields, 0) as Record<string, unknown>;
}

const MAX_DEPTH = 8;

function plain(value: unknown, depth: number): unknown {
  if (typeof value === "bigint") return value.toString();
  if (value === null || typeof value !== "object" || depth > MAX_DEPTH) return value;
  if (value instanceof Error) return plainError(value, depth);
  if (Array.isArray(value)) return value.map((item) => plain(item, depth + 1));
  if (value instanceof Date || Object.getPrototypeOf(value) !== Object.prototype) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = plain(item, depth + 1);
  return out;
}

function plainError(error: Error, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = { name: error.name, message: error.message, stack: error.stack };
  for (const [key, item] of Object.entries(error)) {
    if (!(key in out) && (item === null || typeof item !== "object")) out[key] = plain(item, depth + 1);
  }
  if (error.cause !== undefined) out.cause = plain(error.cause, depth + 1);
  if (error instanceof AggregateError) out.errors = error.errors.map((item) => plain(item, depth + 1));
  return out;
}
