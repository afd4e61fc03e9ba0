-- DropIndex
DROP INDEX "clv_prediction_shop_id_churn_risk_idx";

-- DropIndex
DROP INDEX "clv_prediction_shop_id_predicted_clv_idx";

-- DropIndex
DROP INDEX "clv_prediction_shop_id_p_alive_idx";

-- CreateTable
CREATE TABLE "clv_segment_count" (
    "shop_id" INTEGER NOT NULL,
    "churn_risk" TEXT NOT NULL,
    "repeat_customer" BOOLEAN NOT NULL,
    "customers" INTEGER NOT NULL,

    CONSTRAINT "clv_segment_count_pkey" PRIMARY KEY ("shop_id","churn_risk","repeat_customer")
);

-- CreateIndex
CREATE INDEX "kpi_snapshot_shop_id_granularity_kpi_period_start_idx" ON "kpi_snapshot"("shop_id", "granularity", "kpi", "period_start");

-- CreateIndex
CREATE INDEX "clv_prediction_page_by_clv_idx" ON "clv_prediction"("shop_id", "churn_risk", "predicted_clv", "customer_key", "frequency");

-- CreateIndex
CREATE INDEX "clv_prediction_page_by_risk_idx" ON "clv_prediction"("shop_id", "churn_risk", "p_alive", "customer_key", "frequency");

-- CreateIndex
CREATE INDEX "clv_prediction_page_by_orders_idx" ON "clv_prediction"("shop_id", "churn_risk", "expected_orders", "customer_key", "frequency");


-- Segment sizes of the Customers page, kept in the writer's transaction: every statement that writes
-- clv_prediction (the nightly model run, a customer or shop redaction) adds or subtracts its rows per
-- shop, churn-risk bucket and repeat/one-order. Counts that reach zero are removed.
CREATE FUNCTION clv_count_segments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Rows are upserted in key order so that two writers of one shop lock the counts in the same order.
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO clv_segment_count AS c (shop_id, churn_risk, repeat_customer, customers)
      SELECT shop_id, churn_risk, frequency > 0, -count(*) FROM old_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (shop_id, churn_risk, repeat_customer) DO UPDATE SET customers = c.customers + EXCLUDED.customers;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO clv_segment_count AS c (shop_id, churn_risk, repeat_customer, customers)
      SELECT shop_id, churn_risk, frequency > 0, count(*) FROM new_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (shop_id, churn_risk, repeat_customer) DO UPDATE SET customers = c.customers + EXCLUDED.customers;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    DELETE FROM clv_segment_count c USING (SELECT DISTINCT shop_id FROM old_rows) o WHERE c.shop_id = o.shop_id AND c.customers = 0;
  END IF;
  RETURN NULL;
END $$;

-- Count what is already there with writers held off, then keep counting.
LOCK TABLE clv_prediction IN SHARE ROW EXCLUSIVE MODE;
INSERT INTO clv_segment_count (shop_id, churn_risk, repeat_customer, customers)
  SELECT shop_id, churn_risk, frequency > 0, count(*) FROM clv_prediction GROUP BY 1, 2, 3;

CREATE TRIGGER clv_prediction_counted_insert AFTER INSERT ON clv_prediction REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION clv_count_segments();
CREATE TRIGGER clv_prediction_counted_update AFTER UPDATE ON clv_prediction REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION clv_count_segments();
CREATE TRIGGER clv_prediction_counted_delete AFTER DELETE ON clv_prediction REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION clv_count_segments();
