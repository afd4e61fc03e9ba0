import type { PrismaClient } from "@prisma/client";

/** Every snapshot row of a shop as sorted comparable lines (computed_at left out). */
export async function snapshotLines(prisma: PrismaClient, shopId: number): Promise<string[]> {
  const rows = await prisma.kpiSnapshot.findMany({ where: { shopId } });
  return rows
    .map((r) =>
      [
        r.granularity,
        r.periodStart.toISOString(),
        r.periodEnd.toISOString(),
        r.kpi,
        r.label,
        r.partial,
        r.value,
        r.numerator,
        r.denominator,
      ].join(" "),
    )
    .sort();
}

/** Every row of a shop's daily and per-slot rollups as sorted comparable lines. */
export async function rollupLines(prisma: PrismaClient, shopId: number): Promise<string[]> {
  const rows = await prisma.$queryRawUnsafe<{ line: string }[]>(
    `SELECT 'slot ' || s::text AS line FROM kpi_sales_slot s WHERE shop_id = $1
     UNION ALL SELECT 'sales ' || d::text FROM kpi_sales_day d WHERE shop_id = $1
     UNION ALL SELECT 'cohort ' || c::text FROM kpi_cohort_day c WHERE shop_id = $1
     UNION ALL SELECT 'customers ' || k::text FROM kpi_customer_day k WHERE shop_id = $1`,
    shopId,
  );
  return rows.map((row) => row.line).sort();
}
