import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePeriod } from "~/kpi/calendar/parse-period";
import { periodContaining, rollingDays } from "~/kpi/calendar/period";
import { notAdditiveReason, rateBase } from "~/kpi/blank-reason";
import { availableForRanges } from "~/kpi-engine/range-values";
import { translatorFor } from "~/i18n/catalog.server";
import { computePeriodReport } from "~/kpi-engine/compute-period.server";
import { snapshotsComputedAt } from "~/kpi-engine/snapshots.server";
import { recordUnsubscribe } from "~/digest/recipients.server";
import { kpiIdBySlug } from "~/pages/kpi-catalog";
import * as customers from "~/routes/app.customers";
import * as detail from "~/routes/app.kpi.$kpi";
import * as kpiCsvRoute from "~/routes/app.kpi.$kpi_.csv";
import { loadDigest } from "~/digest/digest-data.server";
import { needsSpend } from "~/kpi/spend-reason";
import * as dashboard from "~/routes/app._index";
import * as settings from "~/routes/app.settings";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { seedShop, type SeededShop } from "./support/seed-shop";
import { monthKeyOf } from "~/settings/marketing-spend";
import { readMarketingSpend } from "~/settings/marketing-spend.server";
import { data, demoCookie, get, post, runAction, runLoader, useDemoEnvironment } from "./support/routes";

const SHOP = "loaders.myshopify.com";
const YOUNG_SHOP = "young.myshopify.com";
const NOW = new Date("2026-11-20T15:00:00Z");
const MONTHS_2026 = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov"];

const SETTINGS_FORM = {
  activityWindowDays: "180",
  graceMinutes: "10",
  refundAttribution: "refund_date",
  grossMarginPct: "",
  digestEnabled: "on",
  digestRecipients: "",
  digestWeekday: "1",
  digestHour: "8",
};

/** The spend field of the current month in the seeded shop's zone, as the page names it. */
const thisMonthField = () => `spend:${monthKeyOf(new Date(), "America/New_York")}`;

describe("page loaders and actions", () => {
  let database: TestDatabase;
  let shop: SeededShop;
  let cookie: string;
  let youngCookie: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    useDemoEnvironment(database.url);
    shop = await seedShop(database.prisma, { domain: SHOP, customers: 300, days: 760, now: NOW, seed: 7 });
    cookie = await demoCookie(SHOP);
    // Eight months of history: the comparison a year back has no data at all.
    await seedShop(database.prisma, {
      domain: YOUNG_SHOP,
      customers: 60,
      days: 240,
      now: NOW,
      seed: 11,
      idBase: 7_000_000,
    });
    youngCookie = await demoCookie(YOUNG_SHOP);
  }, 240_000);
  afterAll(async () => {
    await globalThis.__pulseQueues?.close();
    globalThis.__pulseQueues = undefined;
    await (await import("~/db.server")).disconnectDb();
    await database?.drop();
  });

  it.each([
    ["last-30-days", "last-30-days"],
    ["month-to-date", "2026-11"],
    ["last-month", "2026-10"],
    ["year-to-date", "2026"],
    ["custom&period=2025-Q4", "2025-Q4"],
  ])(
    "dashboard %s shows what the KPI engine computes for %s (value, previous, last year)",
    async (range, label) => {
      const result = data(await runLoader(dashboard.loader, get(`/app?range=${range}`, cookie)));
      const computedAt = (await snapshotsComputedAt(database.prisma, shop.shopId))!;
      const period = parsePeriod(label, "America/New_York", computedAt);
      const report = await computePeriodReport(database.prisma, shop.shopId, period, { now: computedAt });
      const pick = (values: readonly { kpi: string; value: number | null }[], kpi: string) =>
        values.find((v) => v.kpi === kpi)?.value ?? null;
      for (const card of result.dashboard.cards) {
        const kpi = kpiIdBySlug(card.slug)!;
        expect({
          slug: card.slug,
          value: card.value,
          previous: card.previous,
          yearAgo: card.yearAgo,
        }).toEqual({
          slug: card.slug,
          value: pick(report.current, kpi),
          previous: pick(report.previous, kpi),
          yearAgo: pick(report.yearAgo, kpi),
        });
        // Every blank says why; a rate's base is the engine's numerator and denominator.
        if (card.value === null) expect(card.blank, card.slug).toMatch(/\w+/);
        else expect(card.blank, card.slug).toBeNull();
        expect(card.base, card.slug).toBe(
          rateBase(
            kpi,
            report.current.find((v) => v.kpi === kpi),
            translatorFor("en"),
          ),
        );
        if (card.format === "percent" && card.value !== null) expect(card.base, card.slug).toMatch(/ of /);
      }
      expect(result.dashboard.cards.find((c) => c.slug === "orders")!.value).toBeGreaterThan(0);
      expect(result.dashboard.cards[0]!.chart.points.length).toBeGreaterThan(1);
    },
  );

  it("a free from–to range sums the days: additive KPIs equal the engine's report, the others say why", async () => {
    const url = "/app?range=custom&from=2025-11-24&to=2025-12-01&compare=year";
    const result = data(await runLoader(dashboard.loader, get(url, cookie))).dashboard;
    expect(result).toMatchObject({
      rangeError: null,
      periodText: "Nov 24 – Dec 1, 2025",
      days: { from: "2025-11-24", to: "2025-12-01" },
      view: { range: "custom", from: "2025-11-24", to: "2025-12-01", compare: "year" },
    });
    const computedAt = (await snapshotsComputedAt(database.prisma, shop.shopId))!;
    const period = rollingDays(8, { year: 2025, month: 11, day: 24 }, "America/New_York", computedAt);
    const report = await computePeriodReport(database.prisma, shop.shopId, period, { now: computedAt });
    const pick = (values: readonly { kpi: string; value: number | null }[], kpi: string) =>
      values.find((v) => v.kpi === kpi)?.value ?? null;
    let additive = 0;
    for (const card of result.cards) {
      const kpi = kpiIdBySlug(card.slug)!;
      if (availableForRanges(kpi)) {
        additive += 1;
        // No spend entered yet: CAC and ROAS say what fixes them.
        if (needsSpend(kpi)) expect(card.unavailable).toMatch(/^Enter marketing spend in settings/);
        else expect(card.unavailable).toBeNull();
        for (const [got, want] of [
          [card.value, pick(report.current, kpi)],
          [card.previous, pick(report.previous, kpi)],
          [card.yearAgo, pick(report.yearAgo, kpi)],
        ] as const)
          if (want === null) expect(got, card.slug).toBeNull();
          else expect(got, card.slug).toBeCloseTo(want, 9);
      } else
        expect(card).toMatchObject({
          value: null,
          unavailable: expect.stringMatching(/custom range/),
          blank: notAdditiveReason(translatorFor("en")),
        });
    }
    expect(additive).toBeGreaterThanOrEqual(3);
    expect(result.cards.find((c) => c.slug === "orders")!.value).toBeGreaterThan(0);

    const sales = data(
      await runLoader(
        detail.loader,
        get(`/app/kpi/total-sales?range=custom&from=2025-11-24&to=2025-12-01`, cookie),
        {
          kpi: "total-sales",
        },
      ),
    ).detail;
    expect(sales.value).toBeCloseTo(pick(report.current, "total_sales")!, 9);
    expect(sales.rows.map((r) => r.from)).toEqual(
      ["24", "25", "26", "27", "28", "29", "30"].map((d) => `2025-11-${d}`).concat("2025-12-01"),
    );
  });

  it("Today shows the day in progress; a range it cannot show says why and changes nothing", async () => {
    const today = data(await runLoader(dashboard.loader, get("/app?range=today", cookie))).dashboard;
    const computedAt = (await snapshotsComputedAt(database.prisma, shop.shopId))!;
    const report = await computePeriodReport(
      database.prisma,
      shop.shopId,
      periodContaining("day", computedAt, "America/New_York", computedAt),
      { now: computedAt },
    );
    expect(today.cards.find((c) => c.slug === "orders")!.value).toBe(
      report.current.find((v) => v.kpi === "orders")!.value,
    );
    const bad = data(
      await runLoader(dashboard.loader, get("/app?range=custom&from=2023-01-01&to=2025-12-31", cookie)),
    ).dashboard;
    expect(bad.rangeError).toMatch(/choose two years/);
    expect(bad.days.to).not.toBe("2025-12-31");
  });

  it("a comparison period before the shop's history shows no value rather than a zero", async () => {
    const result = data(await runLoader(dashboard.loader, get("/app?range=custom&period=2025-Q2", cookie)));
    expect(result.dashboard.cards.find((c) => c.slug === "total-sales")).toMatchObject({
      value: expect.any(Number),
      yearAgo: null,
    });
  });

  it("KPI detail gives the numerator and denominator behind the value, and a row per trend point", async () => {
    const result = data(
      await runLoader(detail.loader, get("/app/kpi/aov?range=last-month&granularity=week", cookie), {
        kpi: "aov",
      }),
    );
    expect(result.detail.numerator! / result.detail.denominator!).toBeCloseTo(result.detail.value!, 9);
    expect(result.detail.rows.map((r) => r.label)).toEqual([
      "Week of Sep 28",
      "Week of Oct 5",
      "Week of Oct 12",
      "Week of Oct 19",
      "Week of Oct 26",
    ]);
    expect(result.detail.rows.every((r) => r.value !== null && r.comparison !== null)).toBe(true);
  });

  it("year to date against last year pairs each month with the same month a year back, gaps included", async () => {
    const url = "/app/kpi/orders?range=year-to-date&compare=year&granularity=month";
    const young = data(await runLoader(detail.loader, get(url, youngCookie), { kpi: "orders" })).detail;
    expect(young.rows.map((row) => row.label.slice(0, 8))).toEqual(MONTHS_2026.map((m) => `${m} 2026`));
    // The month in progress may meet the matching span of last year's month, labelled "(so far)".
    const compared = (rows: typeof young.rows) => rows.map((row) => row.comparisonLabel?.slice(0, 8));
    expect(compared(young.rows)).toEqual(MONTHS_2026.map((m) => `${m} 2025`));
    // Nothing a year back; the months before the store's history are gaps, not later months moved up.
    // (A span that was snapshotted for a comparison counts its orders: zero.)
    expect(young.rows.every((row) => (row.comparison ?? 0) === 0)).toBe(true);
    expect(young.rows.slice(0, 2).map((row) => row.value)).toEqual([null, null]);
    expect(young.rows.slice(4).every((row) => (row.value ?? 0) > 0)).toBe(true);

    const old = data(await runLoader(detail.loader, get(url, cookie), { kpi: "orders" })).detail;
    expect(compared(old.rows)).toEqual(MONTHS_2026.map((m) => `${m} 2025`));
    expect(old.rows.every((row) => (row.comparison ?? 0) > 0)).toBe(true);
  });

  it("customers: pages of 50, filtered by segment, each row in its segment", async () => {
    const all = data(await runLoader(customers.loader, get("/app/customers", cookie)));
    expect(all.data.model.status, JSON.stringify(all.data.model)).toBe("ok");
    expect(all.data.rows).toHaveLength(50);
    expect(all.data.hasNext).toBe(true);
    const values = all.data.rows.map((r) => r.predictedClv);
    expect(values).toEqual([...values].sort((x, y) => y - x));
    const counts = all.data.counts;
    expect(
      counts.new + counts.active + counts.promising + counts["at-risk"] + counts.lapsed + counts.lost,
    ).toBe(counts.all);
    const risky = data(
      await runLoader(customers.loader, get("/app/customers?segment=at-risk&sort=risk", cookie)),
    );
    expect(risky.data.rows.every((r) => r.segment === "at-risk")).toBe(true);
  });

  it("settings: an out-of-range value is reported on its field and nothing is saved", async () => {
    const result = data(
      await runAction(
        settings.action,
        post("/app/settings", cookie, {
          ...SETTINGS_FORM,
          activityWindowDays: "5",
          digestRecipients: "not-an-email",
        }),
      ),
    );
    expect(result.ok).toBe(false);
    expect(result.errors).toMatchObject({
      activityWindowDays: "must be at least 30 days",
      digestRecipients: expect.any(String),
    });
    expect(
      (await database.prisma.shopSettings.findUnique({ where: { shopId: shop.shopId } }))
        ?.activityWindowDays ?? 180,
    ).toBe(180);
  });

  it("settings: each recipient shows whether they unsubscribed, and when", async () => {
    await database.prisma.shopSettings.upsert({
      where: { shopId: shop.shopId },
      create: { shopId: shop.shopId, digestRecipients: ["owner@example.com", "Left@Example.com"] },
      update: { digestRecipients: ["owner@example.com", "Left@Example.com"] },
    });
    await recordUnsubscribe(database.prisma, shop.shopId, "left@example.com");
    const loaded = data(await runLoader(settings.loader, get("/app/settings", cookie)));
    expect(loaded.recipients).toEqual([
      { email: "owner@example.com", unsubscribedText: null, pendingText: null },
      { email: "left@example.com", unsubscribedText: expect.stringMatching(/\d{4}/), pendingText: null },
    ]);
    await database.prisma.digestUnsubscribe.deleteMany({ where: { shopId: shop.shopId } });
    await database.prisma.shopSettings.update({
      where: { shopId: shop.shopId },
      data: { digestRecipients: [] },
    });
  });

  it("settings: every field's problem is reported at once, the spend's with the others", async () => {
    const result = data(
      await runAction(
        settings.action,
        post("/app/settings", cookie, {
          ...SETTINGS_FORM,
          activityWindowDays: "5",
          graceMinutes: "-1",
          [thisMonthField()]: "lots",
          "spend:2099-01": "10",
          digestHour: "25",
        }),
      ),
    );
    expect(result.ok).toBe(false);
    expect(Object.keys(result.errors).sort()).toEqual(
      ["activityWindowDays", "digestHour", "graceMinutes", thisMonthField(), "spend:2099-01"].sort(),
    );
    expect(await database.prisma.marketingSpendMonth.count({ where: { shopId: shop.shopId } })).toBe(0);
  });

  it("settings: changing a KPI setting saves it and queues a full KPI rebuild; a digest-only change does not", async () => {
    const saved = data(
      await runAction(
        settings.action,
        post("/app/settings", cookie, {
          ...SETTINGS_FORM,
          graceMinutes: "30",
          [thisMonthField()]: "1,200.50",
        }),
      ),
    );
    expect(saved).toMatchObject({ ok: true, rebuildQueued: true });
    const row = await database.prisma.shopSettings.findUniqueOrThrow({ where: { shopId: shop.shopId } });
    expect(row.graceMinutes).toBe(30);
    expect(await readMarketingSpend(database.prisma, shop.shopId)).toEqual({
      [thisMonthField().slice("spend:".length)]: 120_050,
    });
    const jobs = await globalThis.__pulseQueues!.recompute.getJobs(["delayed", "waiting"]);
    expect(jobs.map((j) => j.data)).toContainEqual({ shopId: shop.shopId, reason: "settings changed" });

    const digestOnly = data(
      await runAction(
        settings.action,
        post("/app/settings", cookie, {
          ...SETTINGS_FORM,
          graceMinutes: "30",
          [thisMonthField()]: "1200.50",
          digestHour: "9",
        }),
      ),
    );
    expect(digestOnly).toMatchObject({ ok: true, rebuildQueued: null, digestChanged: true });
    // The digest's own scheduler follows the new hour (app/jobs/digest-schedule.server.ts).
    const { desiredDigestSchedule } = await import("~/jobs/digest-schedule.server");
    const { digestSchedulerId } = await import("~/jobs/digest.job");
    const spec = await desiredDigestSchedule(database.prisma, shop.shopId);
    expect(
      (await globalThis.__pulseQueues!.digest.getJobScheduler(digestSchedulerId(shop.shopId)))?.pattern,
    ).toBe(spec?.pattern);
    const reloaded = data(await runLoader(settings.loader, get("/app/settings", cookie)));
    expect(reloaded.values).toMatchObject({
      graceMinutes: "30",
      digestHour: "9",
      marketingSpend: expect.objectContaining({ [thisMonthField().slice("spend:".length)]: "1200.50" }),
    });
  });

  it("a gross margin relabels CLV as profit on the card, the KPI page, its CSV and the digest", async () => {
    const clvTitle = async () => {
      const cards = data(await runLoader(dashboard.loader, get("/app?range=last-month", cookie))).dashboard
        .cards;
      return cards.find((c) => c.slug === "clv")!.title;
    };
    expect(await clvTitle()).toBe("Customer lifetime value");
    await database.prisma.shopSettings.update({
      where: { shopId: shop.shopId },
      data: { grossMarginPct: 40 },
    });
    try {
      expect(await clvTitle()).toBe("Profit-based CLV");
      const page = data(
        await runLoader(detail.loader, get("/app/kpi/clv?range=last-month", cookie), { kpi: "clv" }),
      ).detail;
      expect(page.entry.title).toBe("Profit-based CLV");
      expect(page.entry.formula).toMatch(/× your gross margin %.*The margin is applied/);
      expect(page.entry.parts?.map((p) => p.label)).toContain("Profit before acquisition cost");
      const csv = await (
        (await runLoader(kpiCsvRoute.loader, get("/app/kpi/clv/csv?range=last-month", cookie), {
          kpi: "clv",
        })) as Response
      ).text();
      expect(csv.split("\r\n")[0]).toContain("Profit-based CLV");
      const digest = await loadDigest(database.prisma, shop.shopId, new Date(), "key", translatorFor("en"));
      expect(digest.content.rows.map((r) => r.kpi.label)).toContain("Profit-based CLV");
      expect(digest.content.rows.map((r) => r.kpi.label)).not.toContain("Customer lifetime value");
    } finally {
      await database.prisma.shopSettings.update({
        where: { shopId: shop.shopId },
        data: { grossMarginPct: null },
      });
    }
    expect(await clvTitle()).toBe("Customer lifetime value");
  });

  it("a new shop still importing has no figures (empty state) and a clear customers message", async () => {
    await database.prisma.shop.create({ data: { domain: "brand-new.myshopify.com" } });
    const fresh = await demoCookie("brand-new.myshopify.com");
    const result = data(await runLoader(dashboard.loader, get("/app", fresh)));
    expect(result.dashboard.freshness.computedAt).toBeNull();
    expect(result.dashboard.cards.every((c) => c.value === null)).toBe(true);
    const page = data(await runLoader(customers.loader, get("/app/customers", fresh)));
    expect(page.data.model.status).toBe("none");
  });

  it("a shop with too little history gets the model's reason", async () => {
    const small = await seedShop(database.prisma, {
      domain: "small.myshopify.com",
      customers: 30,
      days: 90,
      now: NOW,
      seed: 3,
      idBase: 5_000_000,
    });
    const page = data(
      await runLoader(customers.loader, get("/app/customers", await demoCookie("small.myshopify.com"))),
    );
    expect(page.data.model).toMatchObject({
      status: "insufficient",
      reason: expect.stringMatching(/not enough data/),
    });
    expect(small.orders).toBeGreaterThan(0);
  });
});
