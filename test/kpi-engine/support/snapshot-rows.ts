import type { PrismaClient } from "@prisma/client";

/** Every snapshot row of a shop as sorted comparable lines (computed_at left out). */
export async function snapshotLines(prisma: PrismaClient, shopId: number): Promise<string[]> {
  const rows = await prisma.kpiSnapshot.findMany({ where: { shopId } });
  return rows
    .map((r) =>
      [r.granularity, r.periodStart.toISOString(), r.periodEnd.toISOString(), r.kpi, r.label, r.partial, r.value, r.numerator, r.denominator].join(" "),
    )
    .sort();
}
