/**
 * The Customers page: the latest predictive CLV run of the shop (or why there is none) and one page of
 * its customers, filtered by segment and sorted. Every query is keyed by the session's shop id.
 */
import { Prisma, type PrismaClient } from "@prisma/client";
import type { CustomerSort, Segment } from "./customer-segments";
import { CUSTOMER_SORTS, isSegment, segmentOf } from "./customer-segments";
import { instantText } from "./period-labels";

export const PAGE_SIZE = 50;

/** Each sort reads its own index (shop, churn risk, sort value, customer key, frequency) in its direction. */
const SORTS: Record<
  CustomerSort,
  {
    readonly column: Prisma.Sql;
    readonly descending: boolean;
    readonly value: (row: CustomerRowView) => number;
  }
> = {
  clv: { column: Prisma.raw("predicted_clv"), descending: true, value: (row) => row.predictedClv },
  risk: { column: Prisma.raw("p_alive"), descending: false, value: (row) => row.pAlive },
  orders: { column: Prisma.raw("expected_orders"), descending: true, value: (row) => row.expectedOrders },
};

/** The CLV job's churn-risk buckets (churnRiskSegment in app/clv/clv-model.server.ts). */
const CHURN_RISKS = ["low", "medium", "high", "lost"] as const;

/** Where a page starts (after) or ends (before): the sort value and customer key of a row next to it. */
export interface CustomerCursor {
  readonly sort: CustomerSort;
  readonly value: number;
  readonly key: string;
}

export interface CustomerQuery {
  readonly segment: Segment | null;
  readonly sort: CustomerSort;
  /** 1-based; where the page starts when it has no cursor, and its number as shown. */
  readonly page: number;
  /** The page holds the rows after this one (Next)… */
  readonly after: CustomerCursor | null;
  /** …or the rows before this one (Previous). */
  readonly before: CustomerCursor | null;
}

/** Cursors travel in the URL as base64url JSON, so a customer key (a guest's e-mail) is not spelled out in it. */
export function encodeCursor(cursor: CustomerCursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.value, cursor.key])).toString("base64url");
}

function decodeCursor(text: string | null, sort: CustomerSort): CustomerCursor | null {
  if (!text || text.length > 1_000) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
    if (!Array.isArray(parsed) || parsed.length !== 3) return null;
    const [cursorSort, value, key] = parsed as unknown[];
    // A cursor of another sort would start the page at an unrelated place: the page number decides instead.
    if (
      cursorSort !== sort ||
      typeof value !== "number" ||
      !Number.isFinite(value) ||
      typeof key !== "string"
    )
      return null;
    return { sort, value, key };
  } catch {
    return null;
  }
}

export function readCustomerQuery(params: URLSearchParams): CustomerQuery {
  const segment = params.get("segment");
  const sort = CUSTOMER_SORTS.find((s) => s.value === params.get("sort"))?.value ?? "clv";
  const page = Math.min(100_000, Math.max(1, Math.floor(Number(params.get("page")) || 1)));
  const after = decodeCursor(params.get("after"), sort);
  const before = after ? null : decodeCursor(params.get("before"), sort);
  return { segment: isSegment(segment) ? segment : null, sort, page, after, before };
}

export interface CustomerRowView {
  readonly key: string;
  readonly name: string;
  readonly email: string | null;
  readonly segment: Segment;
  readonly predictedClv: number;
  readonly pAlive: number;
  readonly expectedOrders: number;
  /** Purchase days so far (repeat purchase days + the first). */
  readonly purchaseDays: number;
  readonly daysSinceLastOrder: number;
}

export type ModelState =
  | { readonly status: "none" }
  | {
      readonly status: "ok" | "insufficient" | "failed";
      readonly reason: string | null;
      readonly customers: number;
      readonly repeatCustomers: number;
      readonly historyDays: number;
      readonly fittedText: string;
      readonly horizonDays: number;
      readonly meanClv: number | null;
      readonly medianClv: number | null;
    };

export interface CustomersData {
  readonly model: ModelState;
  readonly query: CustomerQuery;
  readonly counts: Readonly<Record<Segment | "all", number>>;
  readonly rows: readonly CustomerRowView[];
  readonly hasNext: boolean;
  /** Cursors of the pages next to this one (the URL's `after` and `before`); null at either end. */
  readonly nextCursor: string | null;
  readonly previousCursor: string | null;
}

interface SegmentPart {
  readonly risk: string;
  /** true: only customers with a repeat purchase day, false: only one-order customers, null: all. */
  readonly repeat: boolean | null;
}

/**
 * The churn-risk buckets a segment is made of, from segmentOf itself: a bucket entirely in the segment,
 * or only its repeat (frequency > 0) or one-order customers.
 */
function segmentParts(segment: Segment | null): SegmentPart[] {
  return CHURN_RISKS.flatMap((risk): SegmentPart[] => {
    const repeat = segment === null || segmentOf(risk, 1) === segment;
    const single = segment === null || segmentOf(risk, 0) === segment;
    if (repeat && single) return [{ risk, repeat: null }];
    if (repeat || single) return [{ risk, repeat }];
    return [];
  });
}

interface PredictionRow {
  customer_key: string;
  frequency: number;
  recency_days: number;
  age_days: number;
  p_alive: number;
  expected_orders: number;
  predicted_clv: number;
  churn_risk: string;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
}

export interface PredictionWindow {
  /** Rows to skip (page numbers without a cursor). */
  readonly offset: number;
  /** null reads them all (CSV export). */
  readonly limit: number | null;
  /** Start after (or, with `backwards`, end before) this row. */
  readonly cursor?: CustomerCursor | null;
  /** Read towards the start from the cursor; the rows still come back in the page's order. */
  readonly backwards?: boolean;
}

/**
 * Customers of a segment in the page's order (sort value, then customer key, both in the sort's
 * direction). Each churn-risk bucket of the segment is read from its sort index, keys only, from the
 * cursor on; the buckets are merged in order and only the page's rows are joined to their details.
 */
export async function readPredictions(
  prisma: PrismaClient,
  shopId: number,
  query: Pick<CustomerQuery, "segment" | "sort">,
  window: PredictionWindow,
): Promise<CustomerRowView[]> {
  const sort = SORTS[query.sort];
  const descending = sort.descending !== (window.backwards ?? false);
  const direction = Prisma.raw(descending ? "DESC" : "ASC");
  const cursor = window.cursor ?? null;
  // The value goes as text: JavaScript's shortest round-trip form is exact, a bound number parameter is not.
  const from = cursor
    ? Prisma.sql`AND (${sort.column}, customer_key) ${Prisma.raw(descending ? "<" : ">")} (${String(cursor.value)}::float8, ${cursor.key}::text)`
    : Prisma.empty;
  const childLimit = window.limit === null ? Prisma.empty : Prisma.sql`LIMIT ${window.offset + window.limit}`;
  const parts = segmentParts(query.segment).map(
    ({ risk, repeat }) => Prisma.sql`(
      SELECT customer_key, ${sort.column} AS v FROM clv_prediction
      WHERE shop_id = ${shopId} AND churn_risk = ${risk} ${repeat === null ? Prisma.empty : repeat ? Prisma.sql`AND frequency > 0` : Prisma.sql`AND frequency = 0`} ${from}
      ORDER BY ${sort.column} ${direction}, customer_key ${direction} ${childLimit})`,
  );
  const pageLimit =
    window.limit === null ? Prisma.empty : Prisma.sql`LIMIT ${window.limit} OFFSET ${window.offset}`;
  const rows = await prisma.$queryRaw<PredictionRow[]>`
    WITH page AS (
      SELECT customer_key, v FROM (${Prisma.join(parts, " UNION ALL ")}) u
      ORDER BY v ${direction}, customer_key ${direction} ${pageLimit}
    )
    SELECT p.customer_key, p.frequency, p.recency_days, p.age_days, p.p_alive, p.expected_orders, p.predicted_clv, p.churn_risk,
      c.first_name, c.last_name, c.email
    FROM page
    JOIN clv_prediction p ON p.shop_id = ${shopId} AND p.customer_key = page.customer_key
    LEFT JOIN customer c ON c.shop_id = p.shop_id
      AND c.id = CASE WHEN p.customer_key LIKE 'c:%' THEN substring(p.customer_key FROM 3)::bigint END
    ORDER BY page.v ${direction}, page.customer_key ${direction}`;
  if (window.backwards) rows.reverse();
  return rows.map(toView);
}

function toView(row: PredictionRow): CustomerRowView {
  const guestEmail = row.customer_key.startsWith("e:") ? row.customer_key.slice(2) : null;
  const email = row.email ?? guestEmail;
  const fullName = [row.first_name, row.last_name].filter(Boolean).join(" ");
  const name =
    fullName ||
    email ||
    (row.customer_key.startsWith("anon:") ? "Redacted customer" : `Customer ${row.customer_key.slice(2)}`);
  return {
    key: row.customer_key,
    name,
    email,
    segment: segmentOf(row.churn_risk, row.frequency),
    predictedClv: row.predicted_clv,
    pAlive: row.p_alive,
    expectedOrders: row.expected_orders,
    purchaseDays: row.frequency + 1,
    daysSinceLastOrder: row.age_days - row.recency_days,
  };
}

const cursorOf = (sort: CustomerSort, row: CustomerRowView | undefined): string | null =>
  row ? encodeCursor({ sort, value: SORTS[sort].value(row), key: row.key }) : null;

/**
 * Segment sizes from clv_segment_count, which triggers on clv_prediction keep in step with the rows in
 * the same transactions (migration 20261123150000_page_counts): five rows read, none counted.
 */
async function segmentCounts(prisma: PrismaClient, shopId: number): Promise<Record<Segment | "all", number>> {
  const rows = await prisma.$queryRaw<{ churn_risk: string; repeat_customer: boolean; customers: number }[]>`
    SELECT churn_risk, repeat_customer, customers FROM clv_segment_count WHERE shop_id = ${shopId}`;
  const counts: Record<Segment | "all", number> = { all: 0, loyal: 0, promising: 0, "at-risk": 0, lost: 0 };
  for (const row of rows) {
    counts[segmentOf(row.churn_risk, row.repeat_customer ? 1 : 0)] += row.customers;
    counts.all += row.customers;
  }
  return counts;
}

/** One page of the segment: from the cursor when there is one, else from its page number. */
async function readPage(
  prisma: PrismaClient,
  shopId: number,
  query: CustomerQuery,
): Promise<{ query: CustomerQuery; rows: CustomerRowView[]; hasNext: boolean }> {
  if (query.before) {
    const rows = await readPredictions(prisma, shopId, query, {
      offset: 0,
      limit: PAGE_SIZE + 1,
      cursor: query.before,
      backwards: true,
    });
    // Fewer rows than a page before the cursor: this is the first page (the list changed since), shown whole.
    if (rows.length > PAGE_SIZE) return { query, rows: rows.slice(1), hasNext: true };
    return readPage(prisma, shopId, { ...query, page: 1, before: null });
  }
  const rows = await readPredictions(prisma, shopId, query, {
    offset: query.after ? 0 : (query.page - 1) * PAGE_SIZE,
    limit: PAGE_SIZE + 1,
    cursor: query.after,
  });
  return { query, rows: rows.slice(0, PAGE_SIZE), hasNext: rows.length > PAGE_SIZE };
}

const numberIn = (json: Prisma.JsonValue | null, ...path: string[]): number | null => {
  let node: Prisma.JsonValue | null | undefined = json;
  for (const key of path) node = node && typeof node === "object" && !Array.isArray(node) ? node[key] : null;
  return typeof node === "number" ? node : null;
};

export async function loadCustomers(
  prisma: PrismaClient,
  shopId: number,
  timezone: string,
  query: CustomerQuery,
): Promise<CustomersData> {
  // The run, the counts and the page are independent reads, made at once.
  const [run, counts, page] = await Promise.all([
    prisma.clvModelRun.findUnique({ where: { shopId } }),
    segmentCounts(prisma, shopId),
    readPage(prisma, shopId, query),
  ]);
  const empty = { all: 0, loyal: 0, promising: 0, "at-risk": 0, lost: 0 };
  const nothing = { query, counts: empty, rows: [], hasNext: false, nextCursor: null, previousCursor: null };
  if (!run) return { model: { status: "none" }, ...nothing };
  const model: ModelState = {
    status: run.status,
    reason: run.reason,
    customers: run.customers,
    repeatCustomers: run.repeatCustomers,
    historyDays: run.historyDays,
    fittedText: instantText(run.fittedAt, timezone),
    horizonDays: numberIn(run.summary, "horizonDays") ?? 365,
    meanClv: numberIn(run.summary, "meanClv"),
    medianClv: numberIn(run.summary, "quantiles", "p50"),
  };
  if (run.status !== "ok") return { model, ...nothing };
  return {
    model,
    query: page.query,
    counts,
    rows: page.rows,
    hasNext: page.hasNext,
    nextCursor: page.hasNext ? cursorOf(query.sort, page.rows.at(-1)) : null,
    previousCursor: page.query.page > 1 ? cursorOf(query.sort, page.rows[0]) : null,
  };
}
