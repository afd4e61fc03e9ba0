/**
 * Customer tombstones: what lets the app recognise a customer it was told to forget, so that no later
 * webhook, reconciliation or history import writes their personal data back. Only keyed hashes are
 * kept (docs/decisions/0020-customer-tombstones.md): a copy of the database alone cannot tell whose
 * tombstone a row is, not even by hashing a list of guessed emails.
 */
import crypto from "node:crypto";
import { Prisma } from "@prisma/client";
import { env } from "~/env.server";
import { deriveKey } from "~/secrets/derived-keys.server";
import { normaliseEmail } from "~/sync/records/fields";

export type TombstoneKind = "customer" | "email" | "phone";

/** Runs a query on the writer's own connection (a Prisma transaction, or the history import's pg client). */
export type QueryRows = <T>(sql: Prisma.Sql) => Promise<T[]>;

export const prismaRows =
  (tx: Prisma.TransactionClient): QueryRows =>
  <T>(sql: Prisma.Sql) =>
    tx.$queryRaw<T[]>(sql);

export interface CustomerIdentifiers {
  readonly customerIds?: readonly (bigint | string | null | undefined)[];
  readonly emails?: readonly (string | null | undefined)[];
  readonly phones?: readonly (string | null | undefined)[];
}

let key: Buffer | undefined;

function hashKey(): Buffer {
  if (!key) {
    const config = env();
    // Derived for this purpose only, so the app secret itself never keys anything stored.
    key = config.CUSTOMER_HASH_KEY
      ? Buffer.from(config.CUSTOMER_HASH_KEY, "utf8")
      : deriveKey(config.SHOPIFY_API_SECRET, "customer-tombstones");
  }
  return key;
}

/** Phone numbers as digits only ("+1 (613) 555-0142" and "16135550142" are one number); too short: none. */
export function normalisePhone(phone: string | null | undefined): string | null {
  const digits = phone?.replace(/\D/g, "") ?? "";
  return digits.length >= 6 ? digits : null;
}

export function tombstoneDigest(kind: TombstoneKind, value: string): string {
  return crypto.createHmac("sha256", hashKey()).update(`${kind}:${value}`).digest("base64url");
}

/** Every identifier normalised, as (kind, value) pairs without repeats. */
function normalised(ids: CustomerIdentifiers): { kind: TombstoneKind; value: string }[] {
  const pairs = new Map<string, { kind: TombstoneKind; value: string }>();
  const add = (kind: TombstoneKind, value: string | null) => {
    if (value) pairs.set(`${kind}:${value}`, { kind, value });
  };
  for (const id of ids.customerIds ?? []) add("customer", id == null ? null : String(id));
  for (const email of ids.emails ?? []) add("email", normaliseEmail(email));
  for (const phone of ids.phones ?? []) add("phone", normalisePhone(phone));
  return [...pairs.values()];
}

/** Leaves a tombstone for each identifier (idempotent). */
export async function recordTombstones(
  tx: Prisma.TransactionClient,
  shopId: number,
  ids: CustomerIdentifiers,
): Promise<void> {
  const pairs = normalised(ids);
  if (pairs.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO customer_tombstone (shop_id, kind, digest)
    SELECT ${shopId}, kind, digest FROM unnest(${pairs.map((p) => p.kind)}::text[], ${pairs.map((p) => tombstoneDigest(p.kind, p.value))}::text[]) AS t(kind, digest)
    ON CONFLICT DO NOTHING`;
}

export async function hasTombstones(query: QueryRows, shopId: number): Promise<boolean> {
  const rows = await query<{ one: number }>(
    Prisma.sql`SELECT 1 AS one FROM customer_tombstone WHERE shop_id = ${shopId} LIMIT 1`,
  );
  return rows.length > 0;
}

export interface Tombstoned {
  customerIds: Set<string>;
  emails: Set<string>;
  phones: Set<string>;
}

const NONE: Tombstoned = { customerIds: new Set(), emails: new Set(), phones: new Set() };

/**
 * Which of these identifiers (normalised: ids as decimal text, emails lower-cased, phones as digits) are
 * tombstoned in the shop. A shop without tombstones costs one indexed probe and no hashing.
 */
export async function tombstonedAmong(
  query: QueryRows,
  shopId: number,
  ids: CustomerIdentifiers,
): Promise<Tombstoned> {
  const pairs = normalised(ids);
  if (pairs.length === 0 || !(await hasTombstones(query, shopId))) return NONE;
  const byDigest = new Map(pairs.map((p) => [tombstoneDigest(p.kind, p.value), p]));
  const found = await query<{ digest: string }>(Prisma.sql`
    SELECT digest FROM customer_tombstone WHERE shop_id = ${shopId} AND digest = ANY(${[...byDigest.keys()]}::text[])`);
  const result: Tombstoned = { customerIds: new Set(), emails: new Set(), phones: new Set() };
  for (const { digest } of found) {
    const pair = byDigest.get(digest);
    if (pair?.kind === "customer") result.customerIds.add(pair.value);
    else if (pair?.kind === "email") result.emails.add(pair.value);
    else if (pair) result.phones.add(pair.value);
  }
  return result;
}

/** Whether a row with these identifiers belongs to a tombstoned customer. */
export function isTombstoned(
  found: Tombstoned,
  row: { customerId?: bigint | null; email?: string | null; phone?: string | null },
): boolean {
  if (row.customerId != null && found.customerIds.has(String(row.customerId))) return true;
  if (row.email && found.emails.has(row.email)) return true;
  const phone = normalisePhone(row.phone);
  return phone !== null && found.phones.has(phone);
}

const text = (value: unknown): string | null =>
  typeof value === "string" || typeof value === "number" ? String(value) : null;

/**
 * Whether a stored webhook body names a forgotten customer (by the fields Shopify puts them in: the top
 * level of customers/* topics, `customer` elsewhere). A failed event keeps its body for a human; not then.
 */
export async function payloadNamesForgotten(
  query: QueryRows,
  shopId: number,
  topic: string,
  payload: unknown,
): Promise<boolean> {
  if (payload === null || typeof payload !== "object" || Array.isArray(payload)) return false;
  const body = payload as Record<string, unknown>;
  const customer = (
    typeof body.customer === "object" && body.customer !== null ? body.customer : {}
  ) as Record<string, unknown>;
  const ids = [text(customer.id), topic.startsWith("customers/") ? text(body.id) : null].filter(
    (id) => id !== null && /^\d+$/.test(id),
  );
  const found = await tombstonedAmong(query, shopId, {
    customerIds: ids,
    emails: [text(body.email), text(body.contact_email), text(customer.email)],
    phones: [text(body.phone), text(customer.phone)],
  });
  return found.customerIds.size + found.emails.size + found.phones.size > 0;
}
