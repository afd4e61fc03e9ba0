/**
 * JSON.parse that keeps integers above 2^53 exact. Shopify ids are 64-bit: its own test notifications
 * carry ids such as 820982911946154508, which a plain JSON.parse rounds to a different id. Such
 * integers become their decimal text (ids are read with toId, which takes digits), so the parsed
 * value still stores as JSON; every other value is exactly what JSON.parse gives.
 */

// Node's reviver gets the value's source text as a third argument (JSON.parse source text access).
type Reviver = (this: unknown, key: string, value: unknown, context?: { source?: string }) => unknown;

const INTEGER = /^-?\d+$/;
// A number token of 16 digits or more (2^53 = 9007199254740992 has 16): after `:`, `,` or `[`. The
// same digits inside a string may match too; that only costs the slower, still exact, parse.
const LONG_NUMBER = /(?:^|[:,[])\s*-?(\d{16,})/g;

const keepLargeIntegers: Reviver = (_key, value, context) =>
  typeof value === "number" &&
  !Number.isSafeInteger(value) &&
  context?.source !== undefined &&
  INTEGER.test(context.source)
    ? context.source
    : value;

export function parseJsonExact(text: string): unknown {
  // The reviver costs a call per value; most bodies have no integer it would change and skip it.
  if (!hasUnsafeInteger(text)) return JSON.parse(text);
  return JSON.parse(text, keepLargeIntegers as (key: string, value: unknown) => unknown);
}

function hasUnsafeInteger(text: string): boolean {
  for (const match of text.matchAll(LONG_NUMBER)) {
    if (!Number.isSafeInteger(Number(match[1]))) return true;
  }
  return false;
}
