import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePeriod } from "~/kpi/calendar/parse-period";
import { computePeriodReport } from "~/kpi-engine/compute-period.server";
import { snapshotsComputedAt } from "~/kpi-engine/snapshots.server";
import type { DashboardCard } from "~/pages/dashboard.server";
import { formatKpi } from "~/pages/kpi-format";
import * as dashboard from "~/routes/app._index";
import * as detail from "~/routes/app.kpi.$kpi";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { seedShop, type SeededShop } from "./support/seed-shop";
import { data, demoCookie, get, runLoader, useDemoEnvironment } from "./support/routes";
import { translatorFor } from "~/i18n/catalog.server";

const en = translatorFor("en");

const SHOP = "cards.myshopify.com";
const ZONE = "America/New_York";
const NOW = new Date("2026-11-20T15:00:00Z");

describe("dashboard cards: chart series, comparisons, retention and churn", () => {
  let database: TestDatabase;
  let shop: SeededShop;
  let cookie: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    useDemoEnvironment(database.url);
    shop = await seedShop(database.prisma, { domain: SHOP, customers: 200, days: 500, now: NOW, seed: 5 });
    cookie = await demoCookie(SHOP);
  }, 240_000);
  afterAll(async () => {
    await globalThis.__pulseQueues?.close();
    globalThis.__pulseQueues = undefined;
    await (await import("~/db.server")).disconnectDb();
    await database?.drop();
  });

  const load = async (search: string) =>
    data(await runLoader(dashboard.loader, get(`/app${search}`, cookie))).dashboard;
  const card = (cards: readonly DashboardCard[], slug: string) => cards.find((c) => c.slug === slug)!;
  const engineValue = async (label: string, kpi: string) => {
    const computedAt = (await snapshotsComputedAt(database.prisma, shop.shopId))!;
    const report = await computePeriodReport(
      database.prisma,
      shop.shopId,
      parsePeriod(label, ZONE, computedAt),
      { now: computedAt },
    );
    return report.current.find((v) => v.kpi === kpi)?.value ?? null;
  };

  it("each churn chart point is that unit's churn, computed as the headline is, and the card says so", async () => {
    const result = await load("?range=last-30-days");
    const churn = card(result.cards, "churn");
    expect(churn.value).toEqual(await engineValue("last-30-days", "churn_rate"));
    expect(churn.chart.unit).toBe("day");
    expect(churn.chart.points).toHaveLength(30);
    expect(churn.chart.note).toMatch(
      /^Each point is one day's own churn rate: customers active at its start/,
    );
    const computedAt = (await snapshotsComputedAt(database.prisma, shop.shopId))!;
    const days = parsePeriod("last-30-days", ZONE, computedAt);
    for (const [i, point] of churn.chart.points.entries()) {
      const day = new Date(Date.UTC(days.firstDay.year, days.firstDay.month - 1, days.firstDay.day + i));
      const label = day.toISOString().slice(0, 10);
      expect(point.value, label).toEqual(await engineValue(label, "churn_rate"));
    }
    // By week, each point is a week's churn (the engine's own week period), not a day's.
    const byWeek = card((await load("?range=last-90-days&granularity=week")).cards, "churn");
    const week = byWeek.chart.points.at(-2)!;
    expect(week.label).toMatch(/^Week of /);
    expect(byWeek.chart.note).toMatch(/^Each point is one week's own churn rate/);
    // Other KPIs' points are the headline's kind of figure: no note.
    expect(card(result.cards, "orders").chart.note).toBeNull();
  });

  it("the dashed comparison follows the picker: previous period by position, last year by date, none", async () => {
    const previous = card((await load("?range=last-30-days")).cards, "orders");
    expect(previous.chart.comparisonName).not.toBeNull();
    expect(previous.chart.points[0]!.comparisonLabel).toBe("Sep 21");
    expect(previous.chart.points[0]!.comparison).toEqual(await engineValue("2026-09-21", "orders"));

    const year = card((await load("?range=last-30-days&compare=year")).cards, "orders");
    expect(year.chart.comparisonName).toBe("Oct 21 – Nov 19, 2025");
    const first = year.chart.points[0]!;
    expect([first.label, first.comparisonLabel]).toEqual(["Oct 21", "Oct 21"]);
    expect(first.comparison).toEqual(await engineValue("2025-10-21", "orders"));

    const none = card((await load("?range=last-30-days&compare=none")).cards, "orders");
    expect(none.chart.comparisonName).toBeNull();
    expect(none.chart.points.every((p) => p.comparison === null && p.comparisonLabel === null)).toBe(true);
  });

  it("year to date shows its change once, on the cards and the KPI page; last 30 days shows both", async () => {
    expect((await load("?range=year-to-date")).comparisons.map((c) => c.key)).toEqual(["yearAgo"]);
    const page = data(
      await runLoader(detail.loader, get("/app/kpi/orders?range=year-to-date", cookie), { kpi: "orders" }),
    ).detail;
    expect(page.comparisons.map((c) => c.key)).toEqual(["yearAgo"]);
    // The two would have been the same span, hence the same number.
    expect(page.previousText).toBe(page.yearAgoText);
    expect((await load("?range=last-30-days")).comparisons.map((c) => c.key)).toEqual([
      "previous",
      "yearAgo",
    ]);
  });

  it("retention and churn cards state the same base and the share that came back, matching the headlines", async () => {
    const result = await load("?range=last-30-days");
    const retention = card(result.cards, "retention");
    const churn = card(result.cards, "churn");
    const shown = (c: DashboardCard) => formatKpi(c.value, c.format, "USD", en);
    expect(churn.explanation).toContain(`${shown(churn)} of the `);
    expect(churn.explanation).toContain(`Retention (${shown(retention)})`);
    expect(retention.explanation).toContain(`Churn counts the other ${shown(churn)}`);
    // The sentence's sum is the headlines' sum.
    const sum = formatKpi(retention.value! + churn.value!, "percent", "USD", en);
    if (Math.abs(retention.value! + churn.value! - 1) > 1e-9) expect(churn.explanation).toContain(sum);
    expect(card(result.cards, "orders").explanation).toBeNull();
  });
});
