-- Snapshots of the periods that depend on `now` (in progress, rolling, and their comparisons) move to a
-- row per period, the KPIs in parallel arrays: every recompute replaces all of them, and about 25 rows
-- cost far less to write than 1,500 (decision 0048). Complete periods keep a row per KPI, and the
-- kpi_snapshot view reads both as before.

-- The complete periods.
ALTER TABLE "kpi_snapshot" RENAME TO "kpi_snapshot_period";
ALTER INDEX "kpi_snapshot_pkey" RENAME TO "kpi_snapshot_period_pkey";
ALTER INDEX "kpi_snapshot_trend_idx" RENAME TO "kpi_snapshot_period_trend_idx";

-- CreateTable
CREATE TABLE "kpi_snapshot_live" (
    "shop_id" INTEGER NOT NULL,
    "granularity" TEXT NOT NULL,
    "period_start" TIMESTAMP(3) NOT NULL,
    "period_end" TIMESTAMP(3) NOT NULL,
    "label" TEXT NOT NULL,
    "partial" BOOLEAN NOT NULL DEFAULT false,
    "kpis" TEXT[],
    "values" DOUBLE PRECISION[],
    "numerators" DOUBLE PRECISION[],
    "denominators" DOUBLE PRECISION[],
    "computed_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "kpi_snapshot_live_pkey" PRIMARY KEY ("shop_id","granularity","period_start","period_end")
);

-- The rows the engine wrote for periods depending on `now`: those are partial, or rolling.
INSERT INTO "kpi_snapshot_live" (shop_id, granularity, period_start, period_end, label, partial, kpis, "values", numerators, denominators, computed_at)
SELECT shop_id, granularity, period_start, period_end, min(label), bool_or(partial), array_agg(kpi ORDER BY kpi),
  array_agg(value ORDER BY kpi), array_agg(numerator ORDER BY kpi), array_agg(denominator ORDER BY kpi), max(computed_at)
FROM "kpi_snapshot_period" WHERE partial OR granularity = 'rolling'
GROUP BY shop_id, granularity, period_start, period_end;
DELETE FROM "kpi_snapshot_period" WHERE partial OR granularity = 'rolling';

-- What pages, emails and tests read: a row per KPI of every period.
CREATE VIEW "kpi_snapshot" AS
  SELECT shop_id, granularity, period_start, period_end, kpi, label, partial, value, numerator, denominator, computed_at
  FROM "kpi_snapshot_period"
  UNION ALL
  SELECT l.shop_id, l.granularity, l.period_start, l.period_end, k.kpi, l.label, l.partial, k.value, k.numerator, k.denominator, l.computed_at
  FROM "kpi_snapshot_live" l
  CROSS JOIN LATERAL unnest(l.kpis, l."values", l.numerators, l.denominators) AS k(kpi, value, numerator, denominator);
