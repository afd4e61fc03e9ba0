-- DropIndex
DROP INDEX "kpi_snapshot_shop_id_granularity_kpi_period_start_idx";

-- CreateIndex
CREATE INDEX "kpi_snapshot_trend_idx" ON "kpi_snapshot"("shop_id", "granularity", "kpi", "period_start", "partial", "period_end" DESC, "label", "value", "numerator", "denominator");

