/**
 * Field decoders both wire formats use: ids, dates and emails read the same way whether they came in a
 * REST webhook or an Admin GraphQL answer. A value that cannot be read is a PayloadError: no retry fixes it.
 */

export class PayloadError extends Error {
  override name = "PayloadError";
}

/** A record no retry can read: a broken payload, or a number out of range (money, a mixed currency). */
export const isUnreadable = (error: unknown): error is Error =>
  error instanceof PayloadError || error instanceof RangeError;

/** Identity (docs/kpi-definitions.md, Ground rules): emails are trimmed and lower-cased, nothing else. */
export function normaliseEmail(email: string | null | undefined): string | null {
  const trimmed = email?.trim().toLowerCase();
  return trimmed ? trimmed : null;
}

const DIGITS = /^\d+$/;
/** Admin GraphQL ids (gid://shopify/Order/123) end in the same numeric id REST uses. */
const GID = /^gid:\/\/shopify\/\w+\/(\d+)$/;

/**
 * A Shopify id as a bigint. Numbers are taken only while exact: a larger id must arrive as its digits
 * (parseJsonExact gives them so), never as a rounded number that would name another record.
 */
export function toId(value: unknown, field: string): bigint {
  if (typeof value === "number" && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === "bigint") return value;
  if (typeof value === "string") {
    if (DIGITS.test(value)) return BigInt(value);
    const gid = GID.exec(value);
    if (gid) return BigInt(gid[1]!);
  }
  throw new PayloadError(`${field} is not a Shopify id: ${JSON.stringify(value)}`);
}

/**
 * The id as the decimal text `String(toId(value))` gives, without the bigint round trip for the usual
 * gid form (digits with no leading zero are already that text). Bulk imports call this per line item.
 */
export function toIdText(value: unknown, field: string): string {
  if (typeof value === "string") {
    const gid = GID.exec(value);
    const digits = gid?.[1];
    if (digits !== undefined && (digits.length === 1 || digits.charCodeAt(0) !== 48)) return digits;
  }
  return String(toId(value, field));
}

export function optionalId(value: unknown, field: string): bigint | null {
  return value === null || value === undefined ? null : toId(value, field);
}

export function toDate(value: unknown, field: string): Date {
  const date = typeof value === "string" ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime()))
    throw new PayloadError(`${field} is not a date: ${JSON.stringify(value)}`);
  return date;
}

export function optionalDate(value: unknown, field: string): Date | null {
  return value === null || value === undefined || value === "" ? null : toDate(value, field);
}
