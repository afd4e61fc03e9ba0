import type pg from "pg";
import type { IngestJob } from "~/jobs/ingest.job";

export interface InboxRow {
  shopId: number;
  webhookId: string;
  topic: string;
  eventId: string | null;
  apiVersion: string | null;
  triggeredAt: Date | null;
  payload: object | null;
  /** Set for a validly signed body that cannot be acted on: the row is stored as failed. */
  failure?: string;
}

export interface StoredRow {
  isNew: boolean;
  status: "received" | "processed" | "failed";
  enqueued: boolean;
}

export interface InboxWriterOptions {
  /** Statements in flight at once; the pool needs at least this many connections. */
  maxInFlight: number;
  maxBatch: number;
}

interface Waiting {
  row: InboxRow;
  receivedAt: string;
  resolve: (stored: StoredRow) => void;
  reject: (error: unknown) => void;
}

// Statuses and timestamps as Prisma writes them: timestamp(3) columns hold UTC.
const INSERT = `
  INSERT INTO webhook_event
    (shop_id, webhook_id, topic, event_id, api_version, triggered_at, received_at, status, error, payload)
  SELECT shop_id, webhook_id, topic, event_id, api_version, triggered_at, received_at, status, error, payload
  FROM jsonb_to_recordset($1::jsonb) AS r(
    shop_id int, webhook_id text, topic text, event_id text, api_version text, triggered_at timestamp(3),
    received_at timestamp(3), status "WebhookStatus", error text, payload jsonb)
  ON CONFLICT (shop_id, webhook_id) DO NOTHING
  RETURNING shop_id, webhook_id`;

// A plain read: it never waits for an ingest job that holds the row.
const EXISTING = `
  SELECT shop_id, webhook_id, status, enqueued_at IS NOT NULL AS enqueued FROM webhook_event
  WHERE (shop_id, webhook_id) IN (SELECT * FROM unnest($1::int[], $2::text[]))`;

// A row an ingest job holds is being processed: it is skipped, not waited for.
// The rows are found by primary key and updated by the tuple id the lock returned. Any other condition
// in the lookup let the planner walk the shop's (status, received_at) index instead, reading every
// waiting row for each key: several times the cost of storing the rows (decision 0029).
const MARK_ENQUEUED = `
  UPDATE webhook_event w SET enqueued_at = $3::timestamp(3)
  FROM (
    SELECT e.ctid AS tid
    FROM unnest($1::int[], $2::text[]) AS k(shop_id, webhook_id)
    JOIN webhook_event e ON e.shop_id = k.shop_id AND e.webhook_id = k.webhook_id
    FOR UPDATE OF e SKIP LOCKED) AS held
  WHERE w.ctid = held.tid AND w.status = 'received'`;

const keyOf = (shopId: number, webhookId: string) => `${shopId}\u0000${webhookId}`;

/**
 * Writes inbox rows with group commit: deliveries that arrive while earlier statements are in flight
 * are gathered into one INSERT, so a burst costs one commit (one WAL flush) per batch instead of one
 * per delivery. Each `store` resolves only once its row is committed, so the caller may answer 200.
 * Plain SQL over `pg`: on this path the ORM cost several times the statement itself (decision 0029).
 */
export class InboxWriter {
  private waiting: Waiting[] = [];
  private inFlight = 0;
  private scheduled = false;
  private readonly options: InboxWriterOptions;

  constructor(
    private readonly pool: () => pg.Pool,
    options: Partial<InboxWriterOptions> = {},
  ) {
    this.options = { maxInFlight: 2, maxBatch: 250, ...options };
  }

  /** Stores the row unless that (shop, webhook id) is in the inbox already; then reports that row. */
  store(row: InboxRow): Promise<StoredRow> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ row, receivedAt: new Date().toISOString(), resolve, reject });
      // Deliveries read in the same turn of the event loop go out together.
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          this.pump();
        });
      }
    });
  }

  /** Notes that these events' ingest jobs are in the queue, so the sweeper leaves them alone. */
  async markEnqueued(jobs: IngestJob[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.pool().query({
      name: "inbox-mark-enqueued",
      text: MARK_ENQUEUED,
      values: [jobs.map((job) => job.shopId), jobs.map((job) => job.webhookId), new Date().toISOString()],
    });
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.options.maxBatch);
      this.inFlight += 1;
      void this.writeIsolated(batch).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  /** One statement for the batch; if it fails, each row alone, so one bad row fails only its own delivery. */
  private async writeIsolated(batch: Waiting[]): Promise<void> {
    try {
      settle(batch, await this.write(batch));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      for (const one of batch) {
        try {
          settle([one], await this.write([one]));
        } catch (rowError) {
          one.reject(rowError);
        }
      }
    }
  }

  private async write(batch: Waiting[]): Promise<Map<string, StoredRow>> {
    const records = batch.map(({ row, receivedAt }) => ({
      shop_id: row.shopId,
      webhook_id: row.webhookId,
      topic: row.topic,
      event_id: row.eventId,
      api_version: row.apiVersion,
      triggered_at: row.triggeredAt?.toISOString() ?? null,
      received_at: receivedAt,
      status: row.failure ? "failed" : "received",
      error: row.failure ?? null,
      // A missing key is SQL NULL; a JSON null would be stored as the JSON value null.
      ...(row.payload === null ? {} : { payload: row.payload }),
    }));
    const pool = this.pool();
    // Named, so each connection parses and plans the statement once.
    const inserted = await pool.query<{ shop_id: number; webhook_id: string }>({
      name: "inbox-insert",
      text: INSERT,
      values: [JSON.stringify(records)],
    });
    const failed = new Set(
      batch.filter((w) => w.row.failure).map((w) => keyOf(w.row.shopId, w.row.webhookId)),
    );
    const outcome = new Map<string, StoredRow>();
    for (const row of inserted.rows) {
      const key = keyOf(row.shop_id, row.webhook_id);
      outcome.set(key, { isNew: true, status: failed.has(key) ? "failed" : "received", enqueued: false });
    }
    // Redeliveries (or the same id twice in one batch): report the row that is there.
    const others = batch.filter((w) => !outcome.has(keyOf(w.row.shopId, w.row.webhookId)));
    if (others.length > 0) {
      const existing = await pool.query<{
        shop_id: number;
        webhook_id: string;
        status: StoredRow["status"];
        enqueued: boolean;
      }>(EXISTING, [others.map((w) => w.row.shopId), others.map((w) => w.row.webhookId)]);
      for (const row of existing.rows) {
        const key = keyOf(row.shop_id, row.webhook_id);
        if (!outcome.has(key)) outcome.set(key, { isNew: false, status: row.status, enqueued: row.enqueued });
      }
    }
    return outcome;
  }
}

function settle(batch: Waiting[], outcome: Map<string, StoredRow>): void {
  const answered = new Set<string>();
  for (const waiting of batch) {
    const key = keyOf(waiting.row.shopId, waiting.row.webhookId);
    const stored = outcome.get(key);
    if (!stored) {
      waiting.reject(new Error(`inbox row ${waiting.row.webhookId} neither inserted nor found`));
      continue;
    }
    // The same id twice in one batch: only the first is the new one.
    waiting.resolve(answered.has(key) ? { ...stored, isNew: false } : stored);
    answered.add(key);
  }
}
