/**
 * The Customers page: the latest predictive CLV run of the shop (or why there is none) and one page of
 * its customers, filtered by segment and sorted. Every query is keyed by the session's shop id.
 */
import { Prisma, type PrismaClient } from "@prisma/client";
import { foldedSearch } from "~/clv/customer-facts.server";
import { log } from "~/logger.server";
import type { CustomerFilters, CustomerSort, SortColumn } from "./customer-query";
import { narrowed, NO_FILTERS, PAGE_SIZE, readCustomerFilters, sortOf } from "./customer-query";
import { CUSTOMER_SEGMENTS } from "~/clv/customer-segment";
import type { Segment } from "./customer-segments";
import { largeSegmentNote, segmentOf } from "./customer-segments";
import type { Translator } from "~/i18n/translator";

/**
 * Each sort column reads its own index (shop, churn risk, sort value, customer key, frequency). `cast`
 * types a cursor's value like the column, so the keyset comparison stays on the index.
 */
const COLUMNS: Record<
  SortColumn,
  { readonly sql: Prisma.Sql; readonly cast: Prisma.Sql; readonly text: boolean }
> = {
  name: { sql: Prisma.raw("search_text"), cast: Prisma.raw("text"), text: true },
  orders: { sql: Prisma.raw("orders"), cast: Prisma.raw("int"), text: false },
  spent: { sql: Prisma.raw("spent_minor"), cast: Prisma.raw("float8"), text: false },
  clv: { sql: Prisma.raw("predicted_clv"), cast: Prisma.raw("float8"), text: false },
  "last-order": { sql: Prisma.raw("last_order_day"), cast: Prisma.raw("date"), text: true },
  risk: { sql: Prisma.raw("p_alive"), cast: Prisma.raw("float8"), text: false },
};

/**
 * The values the churn_risk column holds: the customer's segment (customerSegment, decision 0044; the
 * migration 20261207152000_customer_segments rewrote older churn-risk buckets as segments).
 */
const CHURN_RISKS = CUSTOMER_SEGMENTS;

/** Where a page starts (after) or ends (before): the sort value and customer key of a row next to it. */
export interface CustomerCursor {
  readonly sort: CustomerSort;
  /** A number for numeric columns; the name sort's text or the last order's YYYY-MM-DD otherwise. */
  readonly value: number | string;
  readonly key: string;
}

export interface CustomerQuery extends CustomerFilters {
  readonly sort: CustomerSort;
  /** 1-based; where the page starts when it has no cursor, and its number as shown. */
  readonly page: number;
  /** The page holds the rows after this one (Next)… */
  readonly after: CustomerCursor | null;
  /** …or the rows before this one (Previous). */
  readonly before: CustomerCursor | null;
  /** URL parameters that were dropped, and why (shown on the page). */
  readonly problems: readonly string[];
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
    const column = COLUMNS[sortOf(sort).column];
    const valueFits = column.text
      ? typeof value === "string" && value.length <= 500
      : typeof value === "number" && Number.isFinite(value);
    // A cursor of another sort would start the page at an unrelated place: the page number decides instead.
    if (cursorSort !== sort || !valueFits || typeof key !== "string") return null;
    if (sortOf(sort).column === "last-order" && !/^\d{4}-\d{2}-\d{2}$/.test(value as string)) return null;
    return { sort, value: value as number | string, key };
  } catch {
    return null;
  }
}

export function readCustomerQuery(
  params: URLSearchParams,
  currency: string,
  i18n: Translator,
): CustomerQuery {
  const { filters, sort, problems } = readCustomerFilters(params, currency, i18n);
  const pageText = params.get("page");
  const page = Math.min(100_000, Math.max(1, Math.floor(Number(pageText)) || 1));
  const pageProblem =
    pageText !== null && String(page) !== pageText.trim()
      ? [i18n.t("customers.problem.page", { value: pageText, page })]
      : [];
  const after = decodeCursor(params.get("after"), sort);
  const before = after ? null : decodeCursor(params.get("before"), sort);
  const all = [...problems, ...pageProblem];
  if (all.length > 0) log.info("customers page: URL parameters dropped", { problems: all });
  return { ...filters, sort, page, after, before, problems: all };
}

export interface CustomerRowView {
  readonly key: string;
  /** The Shopify customer id, for a link to the customer in the admin; null for guests and redacted customers. */
  readonly customerId: string | null;
  readonly name: string;
  readonly email: string | null;
  readonly segment: Segment;
  readonly predictedClv: number;
  readonly pAlive: number;
  readonly expectedOrders: number;
  /** Purchase days so far (repeat purchase days + the first). */
  readonly purchaseDays: number;
  readonly daysSinceLastOrder: number;
  /** Counted orders, spend to date (net sales less refunds) and the last order's local day, as of the fit. */
  readonly orders: number;
  readonly spentMinor: number;
  /** Spend to date + predicted value: the total expected lifetime value. */
  readonly totalValue: number;
  readonly lastOrderDay: string | null;
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
  /** Why one segment holds more than half the customers, when one does (shown under the segments). */
  readonly largeSegment: string | null;
  /** Customers the search and filters leave (the segment's size when nothing else narrows the list). */
  readonly total: number;
  /** The search and filters leave more than COUNT_CAP customers: `total` is a lower bound. */
  readonly totalCapped: boolean;
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
 * The stored values a segment is made of, from segmentOf itself: a value entirely in the segment, or
 * only its repeat (frequency > 0) or one-order customers.
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

const partSql = ({ risk, repeat }: SegmentPart): Prisma.Sql =>
  Prisma.sql`churn_risk = ${risk} ${repeat === null ? Prisma.empty : repeat ? Prisma.sql`AND frequency > 0` : Prisma.sql`AND frequency = 0`}`;

/** `%`, `_` and `\` in a search are meant literally. */
const likeLiteral = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The search and filters as SQL conditions (each starting with AND), on the indexed columns. */
function filterSql(filters: Partial<CustomerFilters>): Prisma.Sql {
  const f = { ...NO_FILTERS, ...filters };
  const parts: Prisma.Sql[] = [];
  if (f.search)
    parts.push(Prisma.sql`AND search_text LIKE '%' || ${foldedSearch(likeLiteral(f.search))} || '%'`);
  const range = (column: string, r: { min: number | null; max: number | null }, cast: string) => {
    const c = Prisma.raw(column);
    if (r.min !== null) parts.push(Prisma.sql`AND ${c} >= ${r.min}::${Prisma.raw(cast)}`);
    if (r.max !== null) parts.push(Prisma.sql`AND ${c} <= ${r.max}::${Prisma.raw(cast)}`);
  };
  range("spent_minor", f.spent, "float8");
  range("predicted_clv", f.predicted, "float8");
  range("orders", f.orders, "int");
  if (f.lastOrder.from) parts.push(Prisma.sql`AND last_order_day >= ${f.lastOrder.from}::date`);
  if (f.lastOrder.to) parts.push(Prisma.sql`AND last_order_day <= ${f.lastOrder.to}::date`);
  return parts.length ? Prisma.join(parts, " ") : Prisma.empty;
}

interface PredictionRow {
  customer_key: string;
  cursor_value: string;
  frequency: number;
  recency_days: number;
  age_days: number;
  p_alive: number;
  expected_orders: number;
  predicted_clv: number;
  churn_risk: string;
  orders: number;
  spent_minor: number;
  last_order_day: string | null;
  name: string | null;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  customer_email: string | null;
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

type QueryPart = Pick<CustomerQuery, "segment" | "sort"> & Partial<CustomerFilters>;

/**
 * Customers of a segment that match the search and filters, in the page's order (sort value, then
 * customer key, both in the sort's direction). Each churn-risk bucket of the segment is read from its
 * sort index, keys only, from the cursor on; the buckets are merged in order and only the page's rows
 * are joined to their details.
 */
async function readRows(
  prisma: PrismaClient,
  shopId: number,
  query: QueryPart,
  window: PredictionWindow,
  i18n: Translator,
): Promise<{ view: CustomerRowView; cursor: number | string }[]> {
  const sort = sortOf(query.sort);
  const column = COLUMNS[sort.column];
  const descending = sort.descending !== (window.backwards ?? false);
  const direction = Prisma.raw(descending ? "DESC" : "ASC");
  const cursor = window.cursor ?? null;
  // The value goes as text: JavaScript's shortest round-trip form is exact, a bound number parameter is not.
  const from = cursor
    ? Prisma.sql`AND (${column.sql}, customer_key) ${Prisma.raw(descending ? "<" : ">")} (${String(cursor.value)}::${column.cast}, ${cursor.key}::text)`
    : Prisma.empty;
  const filters = filterSql(query);
  const childLimit = window.limit === null ? Prisma.empty : Prisma.sql`LIMIT ${window.offset + window.limit}`;
  const parts = segmentParts(query.segment).map(
    (part) => Prisma.sql`(
      SELECT customer_key, ${column.sql} AS v FROM clv_prediction
      WHERE shop_id = ${shopId} AND ${partSql(part)} ${filters} ${from}
      ORDER BY ${column.sql} ${direction}, customer_key ${direction} ${childLimit})`,
  );
  const pageLimit =
    window.limit === null ? Prisma.empty : Prisma.sql`LIMIT ${window.limit} OFFSET ${window.offset}`;
  const rows = await prisma.$queryRaw<PredictionRow[]>`
    WITH page AS (
      SELECT customer_key, v FROM (${Prisma.join(parts, " UNION ALL ")}) u
      ORDER BY v ${direction}, customer_key ${direction} ${pageLimit}
    )
    SELECT p.customer_key, page.v::text AS cursor_value, p.frequency, p.recency_days, p.age_days, p.p_alive,
      p.expected_orders, p.predicted_clv, p.churn_risk, p.orders, p.spent_minor,
      CASE WHEN p.orders > 0 THEN p.last_order_day::text END AS last_order_day, p.name, p.email,
      c.first_name, c.last_name, c.email AS customer_email
    FROM page
    JOIN clv_prediction p ON p.shop_id = ${shopId} AND p.customer_key = page.customer_key
    LEFT JOIN customer c ON c.shop_id = p.shop_id
      AND c.id = CASE WHEN p.customer_key LIKE 'c:%' THEN substring(p.customer_key FROM 3)::bigint END
    ORDER BY page.v ${direction}, page.customer_key ${direction}`;
  if (window.backwards) rows.reverse();
  return rows.map((row) => ({
    view: toView(row, i18n),
    cursor: column.text ? row.cursor_value : Number(row.cursor_value),
  }));
}

export async function readPredictions(
  prisma: PrismaClient,
  shopId: number,
  query: QueryPart,
  window: PredictionWindow,
  i18n: Translator,
): Promise<CustomerRowView[]> {
  return (await readRows(prisma, shopId, query, window, i18n)).map((row) => row.view);
}

function toView(row: PredictionRow, i18n: Translator): CustomerRowView {
  const key = row.customer_key;
  const guestEmail = key.startsWith("e:") ? key.slice(2) : null;
  const email = row.email ?? row.customer_email ?? guestEmail;
  // Rows stored before their run kept names fall back on the customer as it is now.
  const fullName = [row.first_name, row.last_name].filter(Boolean).join(" ");
  const name =
    row.name ||
    fullName ||
    email ||
    (key.startsWith("anon:")
      ? i18n.t("customers.row.redacted")
      : i18n.t("customers.row.customer", { id: key.slice(2) }));
  return {
    key,
    customerId: /^c:\d+$/.test(key) ? key.slice(2) : null,
    name,
    email,
    segment: segmentOf(row.churn_risk, row.frequency),
    predictedClv: row.predicted_clv,
    pAlive: row.p_alive,
    expectedOrders: row.expected_orders,
    purchaseDays: row.frequency + 1,
    daysSinceLastOrder: row.age_days - row.recency_days,
    orders: row.orders,
    spentMinor: row.spent_minor,
    totalValue: row.spent_minor + row.predicted_clv,
    lastOrderDay: row.last_order_day,
  };
}

const cursorOf = (sort: CustomerSort, row: { view: CustomerRowView; cursor: number | string } | undefined) =>
  row ? encodeCursor({ sort, value: row.cursor, key: row.view.key }) : null;

const emptyCounts = (): Record<Segment | "all", number> => ({
  all: 0,
  ...(Object.fromEntries(CUSTOMER_SEGMENTS.map((s) => [s, 0])) as Record<Segment, number>),
});

/**
 * Segment sizes from clv_segment_count, which triggers on clv_prediction keep in step with the rows in
 * the same transactions (migration 20261123150000_page_counts): a dozen rows read, none counted.
 */
async function segmentCounts(prisma: PrismaClient, shopId: number): Promise<Record<Segment | "all", number>> {
  const rows = await prisma.$queryRaw<{ churn_risk: string; repeat_customer: boolean; customers: number }[]>`
    SELECT churn_risk, repeat_customer, customers FROM clv_segment_count WHERE shop_id = ${shopId}`;
  const counts = emptyCounts();
  for (const row of rows) {
    counts[segmentOf(row.churn_risk, row.repeat_customer ? 1 : 0)] += row.customers;
    counts.all += row.customers;
  }
  return counts;
}

/**
 * Counting stops here: a broad search ("smith" in a store of 300,000) would otherwise read every match
 * to say how many there are, and the page then says "1,000+".
 */
export const COUNT_CAP = 1_000;

/** How many customers the search and filters leave in the segment (at most COUNT_CAP + 1), on the filters' indexes. */
async function filteredCount(
  prisma: PrismaClient,
  shopId: number,
  query: CustomerQuery,
): Promise<number | null> {
  if (!narrowed(query)) return null;
  const segment = Prisma.join(
    segmentParts(query.segment).map((part) => Prisma.sql`(${partSql(part)})`),
    " OR ",
  );
  const rows = await prisma.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM (
      SELECT 1 FROM clv_prediction WHERE shop_id = ${shopId} AND (${segment}) ${filterSql(query)} LIMIT ${COUNT_CAP + 1}
    ) matches`;
  return rows[0]?.n ?? 0;
}

type PageRows = {
  query: CustomerQuery;
  rows: { view: CustomerRowView; cursor: number | string }[];
  hasNext: boolean;
};

/** One page of the list: from the cursor when there is one, else from its page number. */
async function readPage(
  prisma: PrismaClient,
  shopId: number,
  query: CustomerQuery,
  i18n: Translator,
): Promise<PageRows> {
  if (query.before) {
    const rows = await readRows(
      prisma,
      shopId,
      query,
      {
        offset: 0,
        limit: PAGE_SIZE + 1,
        cursor: query.before,
        backwards: true,
      },
      i18n,
    );
    // Fewer rows than a page before the cursor: this is the first page (the list changed since), shown whole.
    if (rows.length > PAGE_SIZE) return { query, rows: rows.slice(1), hasNext: true };
    return readPage(prisma, shopId, { ...query, page: 1, before: null }, i18n);
  }
  const rows = await readRows(
    prisma,
    shopId,
    query,
    {
      offset: query.after ? 0 : (query.page - 1) * PAGE_SIZE,
      limit: PAGE_SIZE + 1,
      cursor: query.after,
    },
    i18n,
  );
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
  i18n: Translator,
): Promise<CustomersData> {
  // The run, the counts and the page are independent reads, made at once.
  const [run, counts, page, filtered] = await Promise.all([
    prisma.clvModelRun.findUnique({ where: { shopId } }),
    segmentCounts(prisma, shopId),
    readPage(prisma, shopId, query, i18n),
    filteredCount(prisma, shopId, query),
  ]);
  const empty = emptyCounts();
  const nothing = {
    query,
    counts: empty,
    largeSegment: null,
    total: 0,
    totalCapped: false,
    rows: [],
    hasNext: false,
    nextCursor: null,
    previousCursor: null,
  };
  if (!run) return { model: { status: "none" }, ...nothing };
  const model: ModelState = {
    status: run.status,
    reason: run.reason,
    customers: run.customers,
    repeatCustomers: run.repeatCustomers,
    historyDays: run.historyDays,
    fittedText: i18n.intl.formatDate(run.fittedAt, {
      dateStyle: "medium",
      timeStyle: "short",
      timeZone: timezone,
    }),
    horizonDays: numberIn(run.summary, "horizonDays") ?? 365,
    meanClv: numberIn(run.summary, "meanClv"),
    medianClv: numberIn(run.summary, "quantiles", "p50"),
  };
  if (run.status !== "ok") return { model, ...nothing };
  return {
    model,
    query: page.query,
    counts,
    largeSegment: largeSegmentNote(counts, i18n),
    total: filtered === null ? counts[query.segment ?? "all"] : Math.min(filtered, COUNT_CAP),
    totalCapped: filtered !== null && filtered > COUNT_CAP,
    rows: page.rows.map((row) => row.view),
    hasNext: page.hasNext,
    nextCursor: page.hasNext ? cursorOf(query.sort, page.rows.at(-1)) : null,
    previousCursor: page.query.page > 1 ? cursorOf(query.sort, page.rows[0]) : null,
  };
}
