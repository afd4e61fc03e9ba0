import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { adminGraphqlFor } from "~/admin-api/graphql.server";
import { advanceBackfill, type BackfillDeps } from "~/sync/import/backfill.server";
import { closeBulkWritePools } from "~/sync/write/bulk-orders.server";
import { defaultBackfillOptions, type BackfillOptions } from "~/sync/import/options";
import { FakeShopStore, startFakeAdminApi, type FakeAdminApi } from "../../fake-shopify/admin-api";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { TEST_API_KEY, TEST_API_SECRET } from "../support/web-app";

export const ALL_SCOPES = ["read_orders", "read_all_orders", "read_customers"];

export interface TestShop {
  domain: string;
  shopId: number;
  store: FakeShopStore;
}

export interface BackfillHarness {
  db: TestDatabase;
  fake: FakeAdminApi;
  /** A freshly installed shop: its data in the fake, its offline session and Shop row in our database. */
  newShop(options?: { scopes?: string[]; ianaTimezone?: string }): Promise<TestShop>;
  deps(
    overrides?: Omit<Partial<BackfillDeps>, "options"> & { options?: Partial<BackfillOptions> },
  ): BackfillDeps;
  close(): Promise<void>;
}

/**
 * One per test file (the app's Shopify client and database pool are process singletons): a migrated
 * database, the fake Admin API over HTTP, and the app's own Shopify client pointed at it by
 * configuration (SHOPIFY_ADMIN_API_ORIGIN). Tests isolate themselves with a shop each.
 */
export async function startHarness(options: { webhookUrl?: string } = {}): Promise<BackfillHarness> {
  const db = await createTestDatabase();
  const fake = await startFakeAdminApi({
    shops: [],
    webhook: options.webhookUrl ? { url: options.webhookUrl, secret: TEST_API_SECRET } : null,
    // A Plus-sized bucket keeps the tests quick; the throttle test forces THROTTLED answers instead.
    costBucket: { maximumAvailable: 20_000, restoreRate: 1_000 },
  });
  Object.assign(process.env, {
    NODE_ENV: "test",
    SHOPIFY_API_KEY: TEST_API_KEY,
    SHOPIFY_API_SECRET: TEST_API_SECRET,
    SHOPIFY_APP_URL: "http://localhost:3000",
    DATABASE_URL: db.url,
    SHOPIFY_ADMIN_API_ORIGIN: fake.origin,
    LOG_LEVEL: "error",
  });
  return {
    db,
    fake,
    async newShop(shopOptions = {}) {
      const suffix = randomBytes(4).toString("hex");
      const domain = `history-${suffix}.myshopify.com`;
      const token = `shpat_${suffix}`;
      const scopes = shopOptions.scopes ?? ALL_SCOPES;
      const store = new FakeShopStore({
        domain,
        name: `Shop ${suffix}`,
        currencyCode: "USD",
        ianaTimezone: shopOptions.ianaTimezone ?? "UTC",
        taxesIncluded: false,
      });
      fake.addShop({ store, accessToken: token, scopes });
      const shop = await db.prisma.shop.create({ data: { domain, currency: "USD", timezone: "UTC" } });
      await storeOfflineSession(db.prisma, domain, token, scopes);
      return { domain, shopId: shop.id, store };
    },
    deps: (overrides = {}) => ({
      prisma: db.prisma,
      graphqlFor: (domain) => adminGraphqlFor(domain),
      ...overrides,
      options: {
        ...defaultBackfillOptions,
        batchSize: 50,
        pollMs: 20,
        retryDelayMs: 20,
        leaseMs: 60_000,
        ...overrides.options,
      },
    }),
    close: async () => {
      await fake.close();
      await closeBulkWritePools();
      await db.drop();
    },
  };
}

/** What the session storage holds after OAuth: the offline token the app calls the Admin API with. */
export async function storeOfflineSession(
  prisma: PrismaClient,
  shop: string,
  accessToken: string,
  scopes: string[],
): Promise<void> {
  await prisma.session.upsert({
    where: { id: `offline_${shop}` },
    create: {
      id: `offline_${shop}`,
      shop,
      state: "installed",
      isOnline: false,
      scope: scopes.join(","),
      accessToken,
    },
    update: { accessToken, scope: scopes.join(",") },
  });
}

/** Drives the import in this process (as the demo does) until every resource is final. */
export async function runBackfill(deps: BackfillDeps, shopId: number, maxSteps = 500): Promise<void> {
  for (let step = 0; step < maxSteps; step++) {
    const outcome = await advanceBackfill(deps, shopId);
    if (outcome.kind === "finished" || outcome.kind === "idle") return;
    await new Promise((resolve) =>
      setTimeout(resolve, outcome.kind === "wait" ? Math.min(outcome.delayMs, 50) : 20),
    );
  }
  throw new Error("backfill did not finish");
}
