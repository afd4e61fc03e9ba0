import { createPrismaClient } from "~/db.server";
import { sendDigestNow } from "~/digest/demo.server";
import { snapshotsComputedAt } from "~/kpi-engine/snapshots.server";
import { getShopSettings, updateShopSettings } from "~/settings/shop-settings.server";
import { translatorFor } from "~/i18n/catalog.server";

export interface FirstDigestOptions {
  databaseUrl: string;
  shop: string;
  recipient: string;
  /** Only snapshots computed after this (the end of a history import) describe the whole history. */
  computedAfter: Date;
  log: (line: string) => void;
  /** How long to wait for the worker's first KPI rebuild. */
  timeoutMs?: number;
}

/**
 * Gives the demo shop a digest recipient (unless the merchant set some) and, once the worker has built
 * the KPI snapshots, sends last week's digest straight away so there is an email to look at.
 */
export async function sendFirstDigest(options: FirstDigestOptions): Promise<void> {
  const prisma = createPrismaClient(options.databaseUrl, 2);
  try {
    const shop = await prisma.shop.findUniqueOrThrow({
      where: { domain: options.shop },
      select: { id: true },
    });
    if ((await getShopSettings(prisma, shop.id)).digestRecipients.length === 0) {
      await updateShopSettings(
        prisma,
        shop.id,
        { digestRecipients: [options.recipient] },
        translatorFor("en"),
      );
    }
    const deadline = Date.now() + (options.timeoutMs ?? 180_000);
    for (;;) {
      const computedAt = await snapshotsComputedAt(prisma, shop.id);
      if (computedAt && computedAt >= options.computedAfter) break;
      if (Date.now() > deadline) {
        options.log("KPIs are still being computed; the weekly digest will follow on its schedule");
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    const outcome = await sendDigestNow(shop.id, { prisma });
    if (outcome.status === "skipped") options.log(`weekly digest not sent: ${outcome.reason}`);
    else if (outcome.status === "already-done")
      options.log(`this week's digest (${outcome.isoWeek}) was already sent`);
  } finally {
    await prisma.$disconnect();
  }
}
