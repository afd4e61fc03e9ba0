import type { PrismaClient } from "@prisma/client";
import { queues } from "~/jobs/producer.server";
import { REINSTALL_REASON } from "~/sync/import/reinstall";
import { wakeBackfill } from "~/sync/import/wake.server";
import { log } from "~/logger.server";
import { recordShopAuthenticated } from "./install-state.server";

/**
 * afterAuth: an install starts the history import; a reinstall brings the shop back and wakes the
 * worker, which resumes its schedules (and the import, when one was asked for). Both queue the creation
 * of the CLV metafield definitions (idempotent). Never fails the login.
 */
export async function onShopAuthenticated(prisma: PrismaClient, shopDomain: string): Promise<void> {
  try {
    const { shopId, outcome } = await recordShopAuthenticated(prisma, shopDomain);
    if (outcome.kind === "unchanged") return;
    log.info("shop authenticated", {
      shop: shopDomain,
      outcome: outcome.kind,
      ...("reason" in outcome ? { reason: outcome.reason } : {}),
    });
    await wakeBackfill(shopId, outcome.kind === "installed" ? "install" : REINSTALL_REASON);
    // The CLV metafield definitions, so merchants can segment on them before the first model run.
    await queues().enqueueClvMetafields(shopId, "definitions", new Date().toISOString());
  } catch (error) {
    // The import can be started again from the admin page; a login must not fail because of it.
    log.error("could not record the shop's installation", { shop: shopDomain, error });
  }
}
