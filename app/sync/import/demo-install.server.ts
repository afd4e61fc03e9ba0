import type { PrismaClient } from "@prisma/client";
import { adminGraphqlFor } from "~/admin-api/graphql.server";
import { sessionKeyRing } from "~/secrets/session-keys.server";
import { encryptSecret } from "~/secrets/token-cipher.server";
import { advanceBackfill } from "./backfill.server";
import { defaultBackfillOptions, type BackfillOptions } from "./options";
import { requestBackfill } from "./request.server";
import { syncStatus, type SyncStatus } from "~/sync/status.server";

export interface DemoInstallOptions {
  prisma: PrismaClient;
  /** e.g. pulse-demo.myshopify.com; the fake Admin API must serve it. */
  shop: string;
  /** The offline token the fake Admin API knows for the shop. */
  accessToken: string;
  scopes?: string[];
  /** Called after every committed batch and every step, for a progress line. */
  onProgress?: (status: SyncStatus) => void;
  /** Runs when the import is final (e.g. the KPI rebuild). */
  onFinished?: (shopId: number) => Promise<void>;
  options?: Partial<BackfillOptions>;
}

/**
 * What installing the demo shop does, in this process: the offline session OAuth would have stored,
 * the shop row, and the history import through the normal Admin API client, which goes wherever
 * SHOPIFY_ADMIN_API_ORIGIN points (the fake Admin API with the CDNOW history, for the demo).
 * Returns the final sync status.
 */
export async function installDemoShop(input: DemoInstallOptions): Promise<SyncStatus> {
  const { prisma } = input;
  const scopes = input.scopes ?? ["read_orders", "read_all_orders", "read_customers", "read_locales"];
  const id = `offline_${input.shop}`;
  // Sealed as the app's session storage would seal it: no access token is stored in clear text.
  const accessToken = encryptSecret(sessionKeyRing(), input.accessToken, id);
  await prisma.session.upsert({
    where: { id },
    create: {
      id,
      shop: input.shop,
      state: "installed",
      isOnline: false,
      scope: scopes.join(","),
      accessToken,
    },
    update: { accessToken, scope: scopes.join(",") },
  });
  const shop = await prisma.shop.upsert({
    where: { domain: input.shop },
    create: { domain: input.shop, state: "installed" },
    update: { state: "installed" },
    select: { id: true },
  });
  await requestBackfill(prisma, shop.id, { force: true });
  const report = async () => input.onProgress?.(await syncStatus(prisma, shop.id));
  const deps = {
    prisma,
    graphqlFor: (domain: string) => adminGraphqlFor(domain),
    options: { ...defaultBackfillOptions, pollMs: 250, retryDelayMs: 1_000, ...input.options },
    afterBatch: report,
    onFinished: input.onFinished,
  };
  for (;;) {
    const outcome = await advanceBackfill(deps, shop.id);
    await report();
    if (outcome.kind === "finished" || outcome.kind === "idle") break;
    await new Promise((resolve) => setTimeout(resolve, outcome.kind === "wait" ? outcome.delayMs : 250));
  }
  return syncStatus(prisma, shop.id);
}
