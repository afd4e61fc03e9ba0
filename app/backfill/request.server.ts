import type { PrismaClient } from "@prisma/client";
import { log } from "../logger.server";
import { FRESH_PROGRESS } from "./fresh-progress";
import { SYNC_RESOURCES } from "./queries";
import { wakeBackfill } from "./wake.server";
import { ensureShop } from "../shops/ensure-shop.server";

/**
 * Asks for a history import of every resource. Without `force` it only starts one for a shop that never
 * had one (install); with it (the merchant's "import again") it restarts from scratch: a worker busy on
 * the old one loses its lease check at its next checkpoint and stops. Returns whether an import was queued.
 */
export async function requestBackfill(prisma: PrismaClient, shopId: number, options: { force?: boolean } = {}): Promise<boolean> {
  const existing = await prisma.syncState.count({ where: { shopId } });
  if (existing > 0 && !options.force) return false;
  const fresh = {
    status: "pending" as const,
    attempts: 0,
    bulkOperationId: null,
    bulkStatus: null,
    ...FRESH_PROGRESS,
    leaseOwner: null,
    leaseUntil: null,
    requestedAt: new Date(),
    startedAt: null,
    finishedAt: null,
    error: null,
  };
  await prisma.$transaction(
    SYNC_RESOURCES.map((resource) =>
      prisma.syncState.upsert({ where: { shopId_resource: { shopId, resource } }, create: { shopId, resource, ...fresh }, update: fresh }),
    ),
  );
  return true;
}

/** afterAuth: the first authentication of a shop starts its history import. Never fails the login. */
export async function requestBackfillOnInstall(prisma: PrismaClient, shopDomain: string): Promise<void> {
  try {
    const shop = await ensureShop(prisma, shopDomain);
    if (await requestBackfill(prisma, shop.id)) await wakeBackfill(shop.id, "install");
  } catch (error) {
    // The import can be started again from the admin page; a login must not fail because of it.
    log.error("could not start the history import", { shop: shopDomain, error });
  }
}
