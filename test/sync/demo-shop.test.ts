import { afterAll, beforeAll, expect, test } from "vitest";
import { installDemoShop } from "~/sync/import/demo-install.server";
import type { SyncStatus } from "~/sync/status.server";
import { FakeShopStore, loadCdnowHistory } from "../../fake-shopify/admin-api";
import { cdnowFile } from "../clv/support/paths";
import { startHarness, type BackfillHarness } from "./support";

const CDNOW = cdnowFile("CDNOW_master.txt");
const DEMO = "pulse-demo-history.myshopify.com";
const TOKEN = "shpat_demo_history";

let h: BackfillHarness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

// The whole CDNOW history takes ~50 s here (most of it the fake exporting 69,659 orders), beyond the suite's
// budget: run it with BACKFILL_DEMO_TEST=1.
test.runIf(process.env.BACKFILL_DEMO_TEST === "1")(
  "installing the demo shop imports the whole CDNOW history through the fake Admin API, with progress",
  async () => {
    const store = new FakeShopStore({
      domain: DEMO,
      name: "Pulse demo",
      currencyCode: "USD",
      ianaTimezone: "America/New_York",
      taxesIncluded: false,
    });
    const loaded = await loadCdnowHistory(store, { path: CDNOW, anchorDate: "2026-11-20" });
    expect(loaded).toEqual({ customers: 23_570, orders: 69_659 });
    h.fake.addShop({
      store,
      accessToken: TOKEN,
      scopes: ["read_orders", "read_all_orders", "read_customers"],
    });

    const progress: SyncStatus[] = [];
    const finished: number[] = [];
    const status = await installDemoShop({
      prisma: h.db.prisma,
      shop: DEMO,
      accessToken: TOKEN,
      onProgress: (s) => progress.push(s),
      onFinished: async (shopId) => void finished.push(shopId),
      options: { pollMs: 50 },
    });
    expect(status.phase).toBe("completed");
    const shop = await h.db.prisma.shop.findUniqueOrThrow({ where: { domain: DEMO } });
    expect(await h.db.prisma.customer.count({ where: { shopId: shop.id } })).toBe(23_570);
    expect(await h.db.prisma.order.count({ where: { shopId: shop.id } })).toBe(69_659);
    expect(finished).toEqual([shop.id]);
    // Progress was visible while orders streamed in.
    expect(progress.some((s) => s.phase === "importing" && s.percent > 0 && s.percent < 100)).toBe(true);
  },
  60_000,
);
