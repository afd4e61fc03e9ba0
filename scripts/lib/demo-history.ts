import { createPrismaClient } from "~/db.server";
import { installDemoShop } from "~/sync/import/demo-install.server";
import { syncStatus } from "~/sync/status.server";
import { createQueues } from "~/jobs/producer.server";

export interface DemoHistoryOptions {
  databaseUrl: string;
  redisUrl?: string;
  adminApiOrigin: string;
  shop: string;
  accessToken: string;
  log: (line: string) => void;
}

/**
 * Installs the demo shop once: the offline session, then the history import through the Admin API
 * (the fake one), printing progress; then a full KPI rebuild and a CLV fit. A later start finds the
 * import complete and goes straight on.
 */
/** Returns when the import finished, or null when an earlier start had already imported it. */
export async function importDemoHistory(options: DemoHistoryOptions): Promise<Date | null> {
  process.env.SHOPIFY_ADMIN_API_ORIGIN = options.adminApiOrigin;
  const prisma = createPrismaClient(options.databaseUrl, 4);
  const queues = createQueues({ databaseUrl: options.databaseUrl, redisUrl: options.redisUrl });
  try {
    const existing = await prisma.shop.findUnique({ where: { domain: options.shop }, select: { id: true } });
    if (existing && (await syncStatus(prisma, existing.id)).phase === "completed") {
      options.log("history already imported; KPIs are refreshed by the worker");
      return null;
    }
    let lastPhase = "";
    let lastPrinted = 0;
    const started = Date.now();
    const status = await installDemoShop({
      prisma,
      shop: options.shop,
      accessToken: options.accessToken,
      onProgress: (progress) => {
        // A line per phase change, and otherwise one every few seconds: progress, not noise.
        if (progress.phase === lastPhase && Date.now() - lastPrinted < 5_000) return;
        const done = progress.resources.map((r) => `${r.resource} ${r.percent} %`).join(", ");
        options.log(
          `import ${progress.phase}: ${done}` +
            (progress.etaSeconds ? ` (about ${progress.etaSeconds} s left)` : ""),
        );
        lastPhase = progress.phase;
        lastPrinted = Date.now();
      },
    });
    const shop = await prisma.shop.findUniqueOrThrow({
      where: { domain: options.shop },
      select: { id: true },
    });
    const [orders, customers] = await Promise.all([
      prisma.order.count({ where: { shopId: shop.id } }),
      prisma.customer.count({ where: { shopId: shop.id } }),
    ]);
    options.log(
      `history imported in ${Math.round((Date.now() - started) / 1000)} s (${status.phase}): ` +
        `${orders.toLocaleString("en")} orders, ${customers.toLocaleString("en")} customers`,
    );
    // The worker fits the CLV model once this rebuild has built the customer rows it reads.
    await queues.enqueueRecompute({ shopId: shop.id, full: true, reason: "demo install" });
    options.log("KPI rebuild queued (the CLV fit follows it); the worker is on them");
    return new Date();
  } finally {
    await queues.close();
    await prisma.$disconnect();
  }
}
