/**
 * The KPI benchmark's naive comparison, in a process of its own (it needs gigabytes, the measured worker
 * process is capped like the real worker): every order of the shop through Prisma into memory, then the
 * pure KPIs of one month. Prints one JSON line. Usage: tsx bench/support/naive.ts <database url> <shop id>
 */
import type { PrismaClient } from "@prisma/client";
import { createPrismaClient } from "~/db.server";
import { parsePeriod } from "~/kpi/calendar/parse-period";
import { computeKpis } from "~/kpi/compute-kpis";
import { resolveSettings } from "~/kpi/settings";
import type { KpiOrder } from "~/kpi/types";

const ZONE = "Europe/Warsaw";
const NOW = new Date(process.argv[4] ?? "2026-11-20T10:30:00Z");

/** The naive way: every order of the shop through Prisma into memory, then the pure KPIs of one month. */
async function naive(
  prisma: PrismaClient,
  shopId: number,
): Promise<{ loadMs: number; reduceMs: number; orders: number }> {
  const started = performance.now();
  const orders: KpiOrder[] = [];
  let cursor: bigint | undefined;
  for (;;) {
    const page = await prisma.order.findMany({
      where: { shopId, ...(cursor === undefined ? {} : { id: { gt: cursor } }) },
      orderBy: { id: "asc" },
      take: 50_000,
    });
    for (const o of page) {
      orders.push({
        id: String(o.id),
        customerId: o.customerId === null ? null : String(o.customerId),
        email: o.email,
        processedAt: o.orderedAt,
        createdAt: o.shopifyCreated,
        updatedAt: o.shopifyUpdated,
        test: o.test,
        cancelledAt: o.cancelledAt,
        deleted: o.deletedAt !== null,
        lines: [{ quantity: o.units, priceMinor: Number(o.grossMinor) / Math.max(1, o.units) }],
        discountsMinor: Number(o.discountsMinor),
        shippingMinor: Number(o.shippingMinor),
        taxesMinor: Number(o.taxesMinor),
        dutiesMinor: Number(o.dutiesMinor),
        taxesIncluded: o.taxesIncluded,
        checkoutToken: o.checkoutToken,
        cartToken: o.cartToken,
      });
    }
    if (page.length < 50_000) break;
    cursor = page[page.length - 1]!.id;
  }
  const loaded = performance.now();
  const settings = resolveSettings({ timezone: ZONE });
  computeKpis(
    { orders, refunds: [], checkouts: [], carts: [], customers: [] },
    parsePeriod("2026-10", ZONE, NOW),
    settings,
    NOW,
  );
  return { loadMs: loaded - started, reduceMs: performance.now() - loaded, orders: orders.length };
}

const prisma = createPrismaClient(process.argv[2]!, 2);
const result = await naive(prisma, Number(process.argv[3]));
await prisma.$disconnect();
process.stdout.write(`${JSON.stringify({ ...result, rssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
