/** The CLV story shows the very figures the dashboard, the KPI page and the Customers page show. */
import { Prisma } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runClvModel } from "~/clv/clv-model.server";
import { parsePeriod } from "~/kpi/calendar/parse-period";
import { recomputeShop } from "~/kpi-engine/recompute.server";
import { readSnapshots, snapshotsComputedAt } from "~/kpi-engine/snapshots.server";
import type { ClvStory } from "~/pages/clv-story";
import * as dashboard from "~/routes/app._index";
import * as customersRoute from "~/routes/app.customers";
import * as detail from "~/routes/app.kpi.$kpi";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { seedShop, type SeededShop } from "./support/seed-shop";
import { data, demoCookie, get, runLoader, useDemoEnvironment } from "./support/routes";

const SHOP = "clv-story.myshopify.com";
const ZONE = "America/New_York";
const NOW = new Date("2026-11-20T15:00:00Z");

describe("CLV story: the same figures as the rest of the app", () => {
  let database: TestDatabase;
  let shop: SeededShop;
  let cookie: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    useDemoEnvironment(database.url);
    shop = await seedShop(database.prisma, { domain: SHOP, customers: 200, days: 500, now: NOW, seed: 7 });
    cookie = await demoCookie(SHOP);
  }, 240_000);
  afterAll(async () => {
    await globalThis.__pulseQueues?.close();
    globalThis.__pulseQueues = undefined;
    await (await import("~/db.server")).disconnectDb();
    await database?.drop();
  });

  const figure = (story: ClvStory, kind: string) => story.figures.find((f) => f.kind === kind)!;
  const historicalSnapshot = async (range: string) => {
    const computedAt = (await snapshotsComputedAt(database.prisma, shop.shopId))!;
    const reading = await readSnapshots(database.prisma, shop.shopId, parsePeriod(range, ZONE, computedAt), [
      "historical_clv",
    ]);
    return reading.current.get("historical_clv")?.value ?? null;
  };
  const load = async (range: string) => {
    const [home, page, customers] = await Promise.all([
      runLoader(dashboard.loader, get(`/app?range=${range}`, cookie)),
      runLoader(detail.loader, get(`/app/kpi/clv?range=${range}`, cookie), { kpi: "clv" }),
      runLoader(customersRoute.loader, get(`/app/customers`, cookie)),
    ]);
    return { home: data(home).dashboard, page: data(page), customers: data(customers) };
  };

  it("without a margin: plain labels, and each value equals the page that owns it", async () => {
    for (const range of ["last-30-days", "last-365-days"]) {
      const { home, page, customers } = await load(range);
      const story = page.clv!.story;
      expect(page.clv!.kind).toBe("formula");
      expect(story.figures.map((f) => f.label)).toEqual(["Historical CLV", "Formula CLV", "Predictive CLV"]);
      const formula = figure(story, "formula").value;
      expect(formula).not.toBeNull();
      expect(formula).toBe(page.detail.value);
      expect(formula).toBe(home.cards.find((c) => c.slug === "clv")!.value);
      expect(figure(story, "historical").value).toBe(await historicalSnapshot(range));
      expect(figure(story, "historical").value).not.toBeNull();
      expect(customers.data.model.status).toBe("ok");
      const predictive = figure(story, "predictive").value;
      expect(predictive).not.toBeNull();
      if (customers.data.model.status !== "ok") throw new Error("no model");
      expect(predictive).toBe(customers.data.model.meanClv);
      expect(story.revenueNote).not.toBeNull();
    }
    // Historical CLV has its own page, where the story marks it and shows the page's own value.
    const historical = data(
      await runLoader(detail.loader, get(`/app/kpi/historical-clv?range=last-90-days`, cookie), {
        kpi: "historical-clv",
      }),
    );
    expect(historical.clv!.kind).toBe("historical");
    expect(figure(historical.clv!.story, "historical").value).toBe(historical.detail.value);
    expect(historical.detail.value).toBe(await historicalSnapshot("last-90-days"));
    // The Customers page header shows the dashboard's default period's story.
    const { home, customers } = await load("last-30-days");
    expect(figure(customers.clvStory, "formula").value).toBe(home.cards.find((c) => c.slug === "clv")!.value);
  });

  it("with a margin: every figure is its profit version, labelled so, still the app's own numbers", async () => {
    await database.prisma.shopSettings.upsert({
      where: { shopId: shop.shopId },
      create: { shopId: shop.shopId, grossMarginPct: new Prisma.Decimal(40) },
      update: { grossMarginPct: new Prisma.Decimal(40) },
    });
    await recomputeShop(database.prisma, shop.shopId, { now: NOW, mode: "full" });
    await runClvModel(database.prisma, shop.shopId, { now: NOW });
    const { home, page, customers } = await load("last-30-days");
    const story = page.clv!.story;
    expect(story.figures.map((f) => f.label)).toEqual([
      "Profit-based historical CLV",
      "Profit-based formula CLV",
      "Profit-based predictive CLV",
    ]);
    expect(page.detail.entry.title).toBe("Profit-based CLV");
    expect(figure(story, "formula").value).toBe(page.detail.value);
    expect(figure(story, "formula").value).toBe(home.cards.find((c) => c.slug === "clv")!.value);
    expect(figure(story, "historical").value).toBeCloseTo(
      (await historicalSnapshot("last-30-days"))! * 0.4,
      6,
    );
    const historical = data(
      await runLoader(detail.loader, get(`/app/kpi/historical-clv?range=last-30-days`, cookie), {
        kpi: "historical-clv",
      }),
    );
    // The page shows the stored revenue figure; the story's profit version is it × the margin.
    expect(figure(historical.clv!.story, "historical").value).toBeCloseTo(historical.detail.value! * 0.4, 6);
    if (customers.data.model.status !== "ok") throw new Error("no model");
    expect(figure(story, "predictive").value).toBe(customers.data.model.meanClv);
    expect(story.revenueNote).toBeNull();
    expect(story.marginStale).toBeNull();
  });
});
