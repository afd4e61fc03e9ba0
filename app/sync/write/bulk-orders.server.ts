/**
 * The history import's order writer: each batch goes to PostgreSQL as COPY text into a temporary
 * staging table, then into "order" with the very statement the webhook path runs (upsertOrdersStatement:
 * newer wins, redaction sticks, guest identity resolved in SQL), on a plain node-postgres connection.
 * Prisma's raw queries cost more in JS than the database spends writing the rows
 * (docs/decisions/0010-bulk-import-writes.md).
 */
import { Prisma, type PrismaClient } from "@prisma/client";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { OrderRow, RefundRow } from "~/sync/records/rows";
import { ORDER_BATCH_COLUMNS, upsertOrdersStatement, upsertRefundsStatement } from "./orders.server";
import { hasTombstones, tombstonedAmong, type QueryRows } from "./tombstones.server";
import { log } from "~/logger.server";

const STAGE = "pulse_order_stage";

/** ORDER_BATCH_COLUMNS with their types: the staging table, one per connection, emptied at every commit. */
const STAGE_TYPES: Record<(typeof ORDER_BATCH_COLUMNS)[number], string> = {
  id: "bigint",
  name: "text",
  customer_id: "bigint",
  email: "text",
  ordered_at: "timestamp",
  created_at: "timestamp",
  updated_at: "timestamp",
  cancelled_at: "timestamp",
  test: "boolean",
  currency: "text",
  presentment_currency: "text",
  taxes_included: "boolean",
  gross: "bigint",
  discounts: "bigint",
  shipping: "bigint",
  taxes: "bigint",
  duties: "bigint",
  total: "bigint",
  units: "int",
  lines: "text",
  checkout_token: "text",
  cart_token: "text",
  source_name: "text",
};
const CREATE_STAGE = `CREATE TEMP TABLE IF NOT EXISTS ${STAGE} (${ORDER_BATCH_COLUMNS.map((c) => `${c} ${STAGE_TYPES[c]}`).join(", ")}) ON COMMIT DELETE ROWS`;
const COPY_STAGE = `COPY ${STAGE} (${ORDER_BATCH_COLUMNS.join(", ")}) FROM STDIN`;
const FROM_STAGE = Prisma.raw(`${STAGE} AS v`);

/** COPY text format: NULL is \N; backslash, tab, newline and carriage return are escaped. */
const SPECIAL = /[\\\t\n\r]/;
const SPECIALS = /[\\\t\n\r]/g;
const ESCAPED: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };
export function copyText(value: string | null): string {
  if (value === null) return "\\N";
  return SPECIAL.test(value) ? value.replace(SPECIALS, (c) => ESCAPED[c]!) : value;
}
const copyNumber = (value: bigint | number | null): string => (value === null ? "\\N" : String(value));
const copyTime = (value: Date | null): string => (value === null ? "\\N" : isoTime(value));

const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);
const pad3 = (n: number): string => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

/**
 * `date.toISOString()`, computed from the time value: V8's own is slow enough to matter at three or four
 * calls an order (decision 0010). Years 1970 to 9999 (civil date from day count, H. Hinnant's algorithm);
 * anything else is left to toISOString.
 */
export function isoTime(date: Date): string {
  const ms = date.getTime();
  if (!(ms >= 0 && ms < 253_402_300_800_000)) return date.toISOString();
  const days = Math.floor(ms / 86_400_000);
  let rest = ms - days * 86_400_000;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1_460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153); // March = 0
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1_000);
  return `${year}-${pad2(month)}-${pad2(day)}T${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}.${pad3(rest - seconds * 1_000)}Z`;
}
const copyBool = (value: boolean): string => (value ? "t" : "f");

/** One order as a COPY line (no newline), in ORDER_BATCH_COLUMNS order, with the values upsertOrders sends. */
export function orderCopyLine(o: OrderRow): string {
  return (
    `${o.id}\t${copyText(o.name)}\t${copyNumber(o.customerId)}\t${copyText(o.email)}\t${isoTime(o.orderedAt)}\t` +
    `${isoTime(o.shopifyCreated)}\t${isoTime(o.shopifyUpdated)}\t${copyTime(o.cancelledAt)}\t${copyBool(o.test)}\t` +
    `${copyText(o.currency)}\t${copyText(o.presentmentCurrency)}\t${copyBool(o.taxesIncluded)}\t${o.grossMinor}\t` +
    `${o.discountsMinor}\t${o.shippingMinor}\t${o.taxesMinor}\t${o.dutiesMinor}\t${o.totalMinor}\t${o.units}\t` +
    `${copyText(JSON.stringify(o.lines))}\t${copyText(o.checkoutToken)}\t${copyText(o.cartToken)}\t${copyText(o.sourceName)}`
  );
}

/**
 * A batch of orders as it is read: COPY text, encoded into one growing buffer as each order arrives,
 * and the refunds. Nothing per order stays on the JS heap: holding each order's line until the batch
 * was written made V8 promote them all to its old generation, where collecting them cost as much as parsing.
 */
export class OrderBatch {
  private buffer: Buffer;
  private length = 0;
  private count = 0;
  readonly refunds: RefundRow[] = [];
  /** Records of the batch no retry can read (logged, left out). */
  skipped = 0;

  /** `buffer`: one a written batch no longer needs (see takeBuffer), to spare allocating another. */
  constructor(buffer?: Buffer) {
    this.buffer = buffer ?? Buffer.allocUnsafe(1 << 20);
  }

  add(order: OrderRow, refunds: readonly RefundRow[]): void {
    const line = orderCopyLine(order);
    // Worst case 3 bytes per UTF-16 unit, and the newline; grow before writing so the line always fits.
    if (this.length + line.length * 3 + 1 > this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + line.length * 3 + 1));
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    this.length += this.buffer.write(line, this.length, "utf8");
    this.buffer[this.length++] = 0x0a;
    this.count += 1;
    for (const refund of refunds) this.refunds.push(refund);
  }

  get orders(): number {
    return this.count;
  }

  /** The COPY data (every line ends in a newline). */
  copyData(): Buffer {
    return this.buffer.subarray(0, this.length);
  }

  /** The buffer, for the next batch once this one is written (this batch is empty afterwards). */
  takeBuffer(): Buffer {
    const buffer = this.buffer;
    this.buffer = Buffer.alloc(0);
    this.length = 0;
    this.count = 0;
    return buffer;
  }
}

/**
 * The COPY data with one line per order id: its newest version by updated_at, the later line on a tie
 * (what newestPerKey keeps for upsertOrders). Only needed when an export repeats an order in one batch,
 * which PostgreSQL refuses in one upsert; so it is done then, not on every batch.
 */
export function newestLinePerOrder(data: Buffer): Buffer {
  const kept = new Map<string, { line: string; updatedAt: number }>();
  const updatedAtField = ORDER_BATCH_COLUMNS.indexOf("updated_at");
  for (const line of data.toString("utf8").split("\n")) {
    if (line === "") continue;
    const fields = line.split("\t");
    const updatedAt = Date.parse(fields[updatedAtField]!);
    const previous = kept.get(fields[0]!);
    if (!previous || previous.updatedAt <= updatedAt) kept.set(fields[0]!, { line, updatedAt });
  }
  return Buffer.from([...kept.values()].map((entry) => `${entry.line}\n`).join(""));
}

/** One connection pool per database URL, for bulk writes only (idle connections close by themselves). */
const pools = new Map<string, pg.Pool>();
const staged = new WeakSet<pg.PoolClient>();
const checked = new WeakMap<PrismaClient, Set<string>>();

function poolFor(databaseUrl: string): pg.Pool {
  let pool = pools.get(databaseUrl);
  if (!pool) {
    pool = new pg.Pool({
      connectionString: databaseUrl,
      max: 4,
      idleTimeoutMillis: 10_000,
      allowExitOnIdle: true,
    });
    // An idle connection the server ended (a restart, a dropped test database) must not crash the process.
    pool.on("error", (error) => log.warn("bulk write connection lost while idle", { error }));
    pools.set(databaseUrl, pool);
  }
  return pool;
}

export async function closeBulkWritePools(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((pool) => pool.end()));
}

/** The database and the server instance (its start time), as each connection sees them. */
const SERVER_IDENTITY = `SELECT concat_ws(':', current_database(), inet_server_port(), extract(epoch FROM pg_postmaster_start_time())) AS identity`;

/**
 * A connection for bulk writes to the database `prisma` writes to. The URL comes from the caller or
 * DATABASE_URL; a URL that reaches another database than the Prisma client is refused rather than
 * importing into the wrong place.
 */
export async function connectBulkWriter(
  prisma: PrismaClient,
  databaseUrl: string | undefined,
): Promise<pg.PoolClient> {
  if (!databaseUrl)
    throw new Error("bulk import needs the database URL (DATABASE_URL or the databaseUrl option)");
  const client = await poolFor(databaseUrl).connect();
  try {
    let urls = checked.get(prisma);
    if (!urls?.has(databaseUrl)) {
      const [ours, theirs] = await Promise.all([
        client.query<{ identity: string }>(SERVER_IDENTITY),
        prisma.$queryRawUnsafe<{ identity: string }[]>(SERVER_IDENTITY),
      ]);
      if (ours.rows[0]?.identity !== theirs[0]?.identity) {
        throw new Error("the bulk import's database URL reaches another database than the Prisma client");
      }
      if (!urls) checked.set(prisma, (urls = new Set()));
      urls.add(databaseUrl);
    }
    if (!staged.has(client)) {
      await client.query(CREATE_STAGE);
      staged.add(client);
    }
    return client;
  } catch (error) {
    client.release(error instanceof Error ? error : true);
    throw error;
  }
}

async function copyIn(client: pg.PoolClient, statement: string, data: Buffer): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const stream = client.query(copyFrom(statement));
    stream.on("finish", resolve);
    stream.on("error", reject);
    stream.end(data);
  });
}

/** PostgreSQL's "ON CONFLICT DO UPDATE command cannot affect row a second time": an order twice in a batch. */
export const isRepeatedOrder = (error: unknown): boolean =>
  (error as { code?: unknown } | null)?.code === "21000";

/** The staged orders' customer ids and emails that are tombstoned (one probe when the shop has none). */
async function forgottenInStage(client: pg.PoolClient, shopId: number) {
  const query: QueryRows = async <T>(sql: Prisma.Sql) =>
    (await client.query(sql.text, sql.values)).rows as T[];
  if (!(await hasTombstones(query, shopId)))
    return { customerIds: new Set<string>(), emails: new Set<string>() };
  const staged = await query<{ customer_id: string | null; email: string | null }>(
    Prisma.sql`SELECT DISTINCT customer_id::text, email FROM ${Prisma.raw(STAGE)}`,
  );
  return tombstonedAmong(query, shopId, {
    customerIds: staged.map((r) => r.customer_id),
    emails: staged.map((r) => r.email),
  });
}

/**
 * Writes one batch inside the caller's open transaction on `client`: orders (COPY, then the newer-wins
 * upsert) and their refunds. Returns the order rows inserted or replaced by a newer version. A batch
 * that repeats an order fails with isRepeatedOrder; the caller writes it again with `newestOnly`.
 */
export async function writeOrderBatch(
  client: pg.PoolClient,
  shopId: number,
  batch: OrderBatch,
  newestOnly = false,
): Promise<number> {
  let written = 0;
  if (batch.orders > 0) {
    await copyIn(client, COPY_STAGE, newestOnly ? newestLinePerOrder(batch.copyData()) : batch.copyData());
    const upsert = upsertOrdersStatement(shopId, await forgottenInStage(client, shopId), FROM_STAGE);
    written = (await client.query(upsert.text, upsert.values)).rowCount ?? 0;
  }
  const refunds = upsertRefundsStatement(shopId, batch.refunds);
  if (refunds) await client.query(refunds.text, refunds.values);
  return written;
}
