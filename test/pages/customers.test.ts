import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redactCustomer } from "~/sync/events/compliance.server";
import { runClvModel } from "~/clv/clv-model.server";
import { snapshotsComputedAt } from "~/kpi-engine/snapshots.server";
import { CUSTOMER_SORTS } from "~/pages/customer-query";
import { SEGMENTS, segmentOf, type Segment } from "~/pages/customer-segments";
import { DASHBOARD_KPI_IDS } from "~/kpi/catalog";
import {
  encodeCursor,
  readCustomerQuery,
  readPredictions,
  type CustomersData,
} from "~/pages/customers.server";
import { NO_VALUE, readSeries, readSparklines } from "~/pages/snapshot-series.server";
import { alignedUnits, comparisonRange } from "~/pages/trend-alignment";
import { readViewState, resolveRange, trendGranularity, trendRange } from "~/pages/view-state";
import * as customersRoute from "~/routes/app.customers";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { seedShop, type SeededShop } from "./support/seed-shop";
import { data, demoCookie, get, runLoader, useDemoEnvironment } from "./support/routes";

const SHOP = "customers.myshopify.com";
const ZONE = "America/New_York";
const NOW = new Date("2026-11-20T15:00:00Z");

describe("customers page: stored segment sizes, cursor pages; dashboard sparklines", () => {
  let database: TestDatabase;
  let shop: SeededShop;
  let cookie: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    useDemoEnvironment(database.url);
    shop = await seedShop(database.prisma, {
      domain: SHOP,
      customers: 260,
      days: 600,
      now: NOW,
      seed: 5,
      idBase: 3_000_000,
    });
    cookie = await demoCookie(SHOP);
  }, 180_000);
  afterAll(async () => {
    await (await import("~/db.server")).disconnectDb();
    await database?.drop();
  });

  const load = async (search: string): Promise<CustomersData> =>
    data(await runLoader(customersRoute.loader, get(`/app/customers${search}`, cookie))).data;

  /** The sizes counted from the predictions themselves, as the page used to on every request. */
  async function countedSizes(): Promise<Record<Segment | "all", number>> {
    const rows = await database.prisma.$queryRaw<{ churn_risk: string; frequency: number }[]>`
      SELECT churn_risk, frequency FROM clv_prediction WHERE shop_id = ${shop.shopId}`;
    const counts: Record<Segment | "all", number> = {
      all: rows.length,
      new: 0,
      active: 0,
      promising: 0,
      "at-risk": 0,
      lapsed: 0,
      lost: 0,
    };
    for (const row of rows) counts[segmentOf(row.churn_risk, row.frequency)] += 1;
    return counts;
  }

  it("shows the segment sizes the predictions hold, without counting them", async () => {
    const page = await load("");
    expect(page.model.status).toBe("ok");
    expect(page.counts).toEqual(await countedSizes());
    expect(page.counts.all).toBeGreaterThan(100);
    // The page says why exactly when one segment holds more than half the customers.
    const largest = SEGMENTS.reduce((a, b) => (page.counts[a.value] >= page.counts[b.value] ? a : b));
    if (page.counts[largest.value] * 2 > page.counts.all) {
      expect(page.largeSegment).toContain(`${largest.label} holds`);
      expect(page.largeSegment).toContain(largest.whyLarge);
    } else expect(page.largeSegment).toBeNull();
    // More than one segment, so the checks below walk real splits of the low bucket.
    expect(SEGMENTS.filter((s) => page.counts[s.value] > 0).length).toBeGreaterThanOrEqual(3);
  });

  it.each(
    CUSTOMER_SORTS.flatMap((sort) =>
      [null, ...SEGMENTS.map((s) => s.value)].map((segment) => [segment ?? "all", sort.value] as const),
    ),
  )(
    "%s by %s: Next walks every customer in the CSV's order, Previous walks back, page numbers agree",
    async (segmentName, sort) => {
      const segment = segmentName === "all" ? null : segmentName;
      const base = `?${segment ? `segment=${segment}&` : ""}sort=${sort}`;
      const all = (
        await readPredictions(database.prisma, shop.shopId, { segment, sort }, { offset: 0, limit: null })
      ).map((row) => row.key);
      const pages: CustomersData[] = [await load(base)];
      while (pages.at(-1)!.hasNext) {
        const last = pages.at(-1)!;
        pages.push(await load(`${base}&page=${last.query.page + 1}&after=${last.nextCursor}`));
      }
      expect(pages.flatMap((p) => p.rows.map((row) => row.key))).toEqual(all);
      expect(pages.every((p, i) => p.rows.length === (i < pages.length - 1 ? 50 : all.length - 50 * i))).toBe(
        true,
      );
      if (segment) expect(pages.every((p) => p.rows.every((row) => row.segment === segment))).toBe(true);
      for (const [i, p] of pages.entries()) {
        expect(
          (await load(`${base}&page=${i + 1}`)).rows.map((row) => row.key),
          `page ${i + 1} by number`,
        ).toEqual(p.rows.map((row) => row.key));
      }
      let current = pages.at(-1)!;
      for (let i = pages.length - 2; i >= 0; i--) {
        current = await load(i === 0 ? base : `${base}&page=${i + 1}&before=${current.previousCursor}`);
        expect(
          current.rows.map((row) => row.key),
          `back to page ${i + 1}`,
        ).toEqual(pages[i]!.rows.map((row) => row.key));
        expect(current.query.page).toBe(i + 1);
        expect(current.hasNext).toBe(true);
      }
    },
  );

  it("a cursor that does not fit the page is ignored: the page number decides", async () => {
    const second = await load("?page=2");
    expect((await load("?page=2&after=not-a-cursor")).rows).toEqual(second.rows);
    const riskCursor = encodeCursor({ sort: "risk", value: 0.5, key: "c:1" });
    expect((await load(`?page=2&after=${riskCursor}`)).rows).toEqual(second.rows);
    expect(readCustomerQuery(new URLSearchParams(`sort=risk&after=${riskCursor}`), "USD").after).toEqual({
      sort: "risk",
      value: 0.5,
      key: "c:1",
    });
    // Previous from a cursor with nothing before it: the first page, whole.
    const first = await load("");
    const before = encodeCursor({ sort: "clv", value: Number.MAX_VALUE, key: "~" });
    const back = await load(`?page=3&before=${before}`);
    expect(back.query.page).toBe(1);
    expect(back.rows).toEqual(first.rows);
  });

  it("a customer redaction and a new model run change the sizes in the same transaction", async () => {
    const before = await load("");
    const customerId = shop.customerIds.find((id) => before.rows.some((row) => row.key === `c:${id}`))!;
    await database.prisma.$transaction((tx) =>
      redactCustomer(tx, shop.shopId, { customer: { id: String(customerId) } }),
    );
    const after = await load("");
    expect(after.counts.all).toBe(before.counts.all - 1);
    expect(after.counts).toEqual(await countedSizes());
    expect(after.rows.map((row) => row.key)).not.toContain(`c:${customerId}`);

    await runClvModel(database.prisma, shop.shopId, { now: NOW });
    const refitted = await load("");
    expect(refitted.counts).toEqual(await countedSizes());
    const stored = await database.prisma.$queryRaw<
      { n: number }[]
    >`SELECT count(*)::int AS n FROM clv_segment_count WHERE shop_id = ${shop.shopId} AND customers <= 0`;
    expect(stored[0]!.n).toBe(0);
  });

  it("dashboard sparklines are readSeries' values, unit for unit, for each range read at once (in-progress, compared and overlapping spans included)", async () => {
    const computedAt = (await snapshotsComputedAt(database.prisma, shop.shopId))!;
    const kpis = [...DASHBOARD_KPI_IDS];
    for (const search of [
      "",
      "range=last-7-days",
      "range=month-to-date",
      "range=last-90-days",
      "range=year-to-date&granularity=day",
      "range=year-to-date&granularity=day&compare=year",
      "range=year-to-date",
      "range=custom&period=2025-Q4",
      "range=custom&period=2019",
      "range=last-30-days&compare=none",
    ]) {
      const view = readViewState(new URLSearchParams(search));
      const { period } = resolveRange(view, ZONE, computedAt);
      const granularity = trendGranularity(view, period);
      const range = trendRange(period, granularity);
      const compared = comparisonRange(alignedUnits(period, granularity, view.compare), ZONE);
      // The same range twice: a unit in two ranges is in both lists.
      const ranges = [range, ...(compared ? [compared] : []), range];
      const sparks = await readSparklines(database.prisma, shop.shopId, granularity, ranges, kpis);
      expect(sparks).toHaveLength(ranges.length);
      for (const [i, part] of ranges.entries()) {
        const points = await readSeries(database.prisma, shop.shopId, granularity, part, kpis);
        expect(
          sparks[i]!.map((point) => [point.label, point.partial]),
          `${search} range ${i}`,
        ).toEqual(points.map((point) => [point.label, point.partial]));
        for (const kpi of kpis)
          expect(
            sparks[i]!.map((point) => (point.values.get(kpi) ?? NO_VALUE).value),
            `${search} range ${i} ${kpi}`,
          ).toEqual(points.map((point) => (point.values.get(kpi) ?? NO_VALUE).value));
      }
    }
    // An empty range reads nothing and keeps its place.
    const empty = { from: computedAt, to: computedAt };
    const view = readViewState(new URLSearchParams("range=last-7-days"));
    const { period } = resolveRange(view, ZONE, computedAt);
    const week = trendRange(period, "day");
    const [none, days] = await readSparklines(database.prisma, shop.shopId, "day", [empty, week], kpis);
    expect(none).toEqual([]);
    expect(days!.map((point) => point.label)).toEqual(
      (await readSeries(database.prisma, shop.shopId, "day", week, kpis)).map((point) => point.label),
    );
  });
});
