/**
 * The Customers page: the latest predictive CLV run of the shop (or why there is none) and one page of
 * its customers, filtered by segment and sorted. Every query is keyed by the session's shop id.
 */
import { Prisma, type PrismaClient } from "@prisma/client";
import type { CustomerSort, Segment } from "./customer-segments";
import { CUSTOMER_SORTS, isSegment, segmentOf } from "./customer-segments";
import { instantText } from "./period-labels";

export const PAGE_SIZE = 50;

const SORT_SQL: Record<CustomerSort, Prisma.Sql> = {
  clv: Prisma.sql`p.predicted_clv DESC`,
  risk: Prisma.sql`p.p_alive ASC`,
  orders: Prisma.sql`p.expected_orders DESC`,
};

export interface CustomerQuery {
  readonly segment: Segment | null;
  readonly sort: CustomerSort;
  /** 1-based. */
  readonly page: number;
}

export function readCustomerQuery(params: URLSearchParams): CustomerQuery {
  const segment = params.get("segment");
  const sort = CUSTOMER_SORTS.find((s) => s.value === params.get("sort"))?.value ?? "clv";
  const page = Math.min(100_000, Math.max(1, Math.floor(Number(params.get("page")) || 1)));
  return { segment: isSegment(segment) ? segment : null, sort, page };
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
}

const segmentSql = (segment: Segment | null): Prisma.Sql => {
  switch (segment) {
    case null:
      return Prisma.empty;
    case "loyal":
      return Prisma.sql`AND p.churn_risk = 'low' AND p.frequency > 0`;
    case "promising":
      return Prisma.sql`AND p.churn_risk = 'low' AND p.frequency = 0`;
    case "at-risk":
      return Prisma.sql`AND p.churn_risk IN ('medium', 'high')`;
    case "lost":
      return Prisma.sql`AND p.churn_risk = 'lost'`;
  }
};

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

/** Customers of a segment in the page's order; `limit` null reads them all (CSV export). */
export async function readPredictions(
  prisma: PrismaClient,
  shopId: number,
  query: Pick<CustomerQuery, "segment" | "sort">,
  window: { offset: number; limit: number | null },
): Promise<CustomerRowView[]> {
  const order = SORT_SQL[query.sort];
  const limit = window.limit === null ? Prisma.empty : Prisma.sql`LIMIT ${window.limit} OFFSET ${window.offset}`;
  const rows = await prisma.$queryRaw<PredictionRow[]>`
    SELECT p.customer_key, p.frequency, p.recency_days, p.age_days, p.p_alive, p.expected_orders, p.predicted_clv, p.churn_risk,
      c.first_name, c.last_name, c.email
    FROM clv_prediction p
    LEFT JOIN customer c ON c.shop_id = p.shop_id
      AND c.id = CASE WHEN p.customer_key LIKE 'c:%' THEN substring(p.customer_key FROM 3)::bigint END
    WHERE p.shop_id = ${shopId} ${segmentSql(query.segment)}
    ORDER BY ${order}, p.customer_key
    ${limit}`;
  return rows.map(toView);
}

function toView(row: PredictionRow): CustomerRowView {
  const guestEmail = row.customer_key.startsWith("e:") ? row.customer_key.slice(2) : null;
  const email = row.email ?? guestEmail;
  const fullName = [row.first_name, row.last_name].filter(Boolean).join(" ");
  const name = fullName || email || (row.customer_key.startsWith("anon:") ? "Redacted customer" : `Customer ${row.customer_key.slice(2)}`);
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

async function segmentCounts(prisma: PrismaClient, shopId: number): Promise<Record<Segment | "all", number>> {
  const rows = await prisma.$queryRaw<{ churn_risk: string; single: boolean; n: number }[]>`
    SELECT churn_risk, frequency = 0 AS single, count(*)::int AS n FROM clv_prediction WHERE shop_id = ${shopId} GROUP BY 1, 2`;
  const counts: Record<Segment | "all", number> = { all: 0, loyal: 0, promising: 0, "at-risk": 0, lost: 0 };
  for (const row of rows) {
    counts[segmentOf(row.churn_risk, row.single ? 0 : 1)] += row.n;
    counts.all += row.n;
  }
  return counts;
}

const numberIn = (json: Prisma.JsonValue | null, ...path: string[]): number | null => {
  let node: Prisma.JsonValue | null | undefined = json;
  for (const key of path) node = node && typeof node === "object" && !Array.isArray(node) ? node[key] : null;
  return typeof node === "number" ? node : null;
};

export async function loadCustomers(prisma: PrismaClient, shopId: number, timezone: string, query: CustomerQuery): Promise<CustomersData> {
  const run = await prisma.clvModelRun.findUnique({ where: { shopId } });
  const empty = { all: 0, loyal: 0, promising: 0, "at-risk": 0, lost: 0 };
  if (!run) return { model: { status: "none" }, query, counts: empty, rows: [], hasNext: false };
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
  if (run.status !== "ok") return { model, query, counts: empty, rows: [], hasNext: false };
  const [counts, page] = await Promise.all([
    segmentCounts(prisma, shopId),
    readPredictions(prisma, shopId, query, { offset: (query.page - 1) * PAGE_SIZE, limit: PAGE_SIZE + 1 }),
  ]);
  return { model, query, counts, rows: page.slice(0, PAGE_SIZE), hasNext: page.length > PAGE_SIZE };
}

