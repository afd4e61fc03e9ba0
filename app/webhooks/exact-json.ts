/**
 * JSON.parse that keeps integers above 2^53 exact. Shopify ids are 64-bit: its own test notifications
 * carry ids such as 820982911946154508, which a plain JSON.parse rounds to a different id. Such
 * integers become their decimal text (ids are read with toId, which takes digits), so the parsed
 * value still stores as JSON; every other value is exactly what JSON.parse gives.
 */

// Node's reviver gets the value's source text as a third argument (JSON.parse source text access).
type Reviver = (this: unknown, key: string, value: unknown, context?: { source?: string }) => unknown;

const INTEGER = /^-?\d+$/;
// An integer JSON.parse cannot keep has at least 16 digits (2^53 = 9007199254740992).
const LONG_DIGIT_RUN = /\d{16}/;

const keepLargeIntegers: Reviver = (_key, value, context) =>
  typeof value === "number" &&
  !Number.isSafeInteger(value) &&
  context?.source !== undefined &&
  INTEGER.test(context.source)
    ? context.source
    : value;

export function parseJsonExact(text: string): unknown {
  // The reviver costs a call per value; most bodies have no long digit run and skip it.
  if (!LONG_DIGIT_RUN.test(text)) return JSON.parse(text);
  return JSON.parse(text, keepLargeIntegers as (key: string, value: unknown) => unknown);
}
