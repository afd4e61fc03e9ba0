-- CreateEnum
CREATE TYPE "ClvModelStatus" AS ENUM ('ok', 'insufficient', 'failed');

-- CreateTable
CREATE TABLE "kpi_dirty_day" (
    "shop_id" INTEGER NOT NULL,
    "day" DATE NOT NULL,

    CONSTRAINT "kpi_dirty_day_pkey" PRIMARY KEY ("shop_id","day")
);

-- CreateTable
CREATE TABLE "kpi_dirty_customer" (
    "shop_id" INTEGER NOT NULL,
    "customer_key" TEXT NOT NULL,

    CONSTRAINT "kpi_dirty_customer_pkey" PRIMARY KEY ("shop_id","customer_key")
);

-- CreateTable
CREATE TABLE "kpi_sales_day" (
    "shop_id" INTEGER NOT NULL,
    "day" DATE NOT NULL,
    "orders" INTEGER NOT NULL DEFAULT 0,
    "identified_orders" INTEGER NOT NULL DEFAULT 0,
    "units" BIGINT NOT NULL DEFAULT 0,
    "gross_minor" BIGINT NOT NULL DEFAULT 0,
    "discounts_minor" BIGINT NOT NULL DEFAULT 0,
    "shipping_minor" BIGINT NOT NULL DEFAULT 0,
    "taxes_minor" BIGINT NOT NULL DEFAULT 0,
    "duties_minor" BIGINT NOT NULL DEFAULT 0,
    "returns_minor" BIGINT NOT NULL DEFAULT 0,
    "shipping_refunded_minor" BIGINT NOT NULL DEFAULT 0,
    "taxes_refunded_minor" BIGINT NOT NULL DEFAULT 0,
    "duties_refunded_minor" BIGINT NOT NULL DEFAULT 0,
    "checkouts_created" INTEGER NOT NULL DEFAULT 0,
    "checkouts_completed" INTEGER NOT NULL DEFAULT 0,
    "carts_created" INTEGER NOT NULL DEFAULT 0,
    "carts_completed" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "kpi_sales_day_pkey" PRIMARY KEY ("shop_id","day")
);

-- CreateTable
CREATE TABLE "kpi_customer_order" (
    "shop_id" INTEGER NOT NULL,
    "order_id" BIGINT NOT NULL,
    "customer_key" TEXT NOT NULL,
    "ordered_at" TIMESTAMP(3) NOT NULL,
    "day" DATE NOT NULL,
    "prev_at" TIMESTAMP(3),
    "prev_day" DATE,
    "next_at" TIMESTAMP(3),
    "next_day" DATE,
    "seq" INTEGER NOT NULL,
    "first_day" DATE NOT NULL,
    "net_minor" BIGINT NOT NULL,

    CONSTRAINT "kpi_customer_order_pkey" PRIMARY KEY ("shop_id","customer_key","ordered_at","order_id")
);

-- CreateTable
CREATE TABLE "kpi_customer_day" (
    "shop_id" INTEGER NOT NULL,
    "day" DATE NOT NULL,
    "active_delta" INTEGER NOT NULL DEFAULT 0,
    "active_year_delta" INTEGER NOT NULL DEFAULT 0,
    "annual_retained_delta" INTEGER NOT NULL DEFAULT 0,
    "new_customers" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "kpi_customer_day_pkey" PRIMARY KEY ("shop_id","day")
);

-- CreateTable
CREATE TABLE "kpi_cohort_day" (
    "shop_id" INTEGER NOT NULL,
    "day" DATE NOT NULL,
    "cohort" DATE NOT NULL,
    "net_minor" BIGINT NOT NULL DEFAULT 0,
    "new_customers" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "kpi_cohort_day_pkey" PRIMARY KEY ("shop_id","day","cohort")
);

-- CreateTable
CREATE TABLE "kpi_period_customers" (
    "shop_id" INTEGER NOT NULL,
    "start_day" DATE NOT NULL,
    "end_day" DATE NOT NULL,
    "customers" INTEGER NOT NULL,
    "new_customers" INTEGER NOT NULL,
    "ordered_active" INTEGER NOT NULL,
    "returning_customers" INTEGER NOT NULL,
    "retained" INTEGER,
    "new_active_end" INTEGER,

    CONSTRAINT "kpi_period_customers_pkey" PRIMARY KEY ("shop_id","start_day","end_day")
);

-- CreateTable
CREATE TABLE "kpi_engine_state" (
    "shop_id" INTEGER NOT NULL,
    "settings_key" TEXT NOT NULL,
    "computed_at" TIMESTAMP(3) NOT NULL,
    "rebuilt_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "kpi_engine_state_pkey" PRIMARY KEY ("shop_id")
);

-- CreateTable
CREATE TABLE "kpi_snapshot" (
    "shop_id" INTEGER NOT NULL,
    "granularity" TEXT NOT NULL,
    "period_start" TIMESTAMP(3) NOT NULL,
    "period_end" TIMESTAMP(3) NOT NULL,
    "kpi" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "partial" BOOLEAN NOT NULL DEFAULT false,
    "value" DOUBLE PRECISION,
    "numerator" DOUBLE PRECISION,
    "denominator" DOUBLE PRECISION,
    "computed_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "kpi_snapshot_pkey" PRIMARY KEY ("shop_id","granularity","period_start","period_end","kpi")
);

-- CreateTable
CREATE TABLE "clv_model_run" (
    "shop_id" INTEGER NOT NULL,
    "status" "ClvModelStatus" NOT NULL,
    "reason" TEXT,
    "calibration_end" DATE NOT NULL,
    "customers" INTEGER NOT NULL,
    "repeat_customers" INTEGER NOT NULL,
    "history_days" INTEGER NOT NULL,
    "params" JSONB,
    "summary" JSONB,
    "fitted_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "clv_model_run_pkey" PRIMARY KEY ("shop_id")
);

-- CreateTable
CREATE TABLE "clv_prediction" (
    "shop_id" INTEGER NOT NULL,
    "customer_key" TEXT NOT NULL,
    "frequency" INTEGER NOT NULL,
    "recency_days" INTEGER NOT NULL,
    "age_days" INTEGER NOT NULL,
    "p_alive" DOUBLE PRECISION NOT NULL,
    "expected_orders" DOUBLE PRECISION NOT NULL,
    "expected_order_value" DOUBLE PRECISION NOT NULL,
    "predicted_clv" DOUBLE PRECISION NOT NULL,
    "churn_risk" TEXT NOT NULL,

    CONSTRAINT "clv_prediction_pkey" PRIMARY KEY ("shop_id","customer_key")
);

-- CreateIndex
CREATE INDEX "kpi_customer_order_shop_id_day_idx" ON "kpi_customer_order"("shop_id", "day");

-- CreateIndex
CREATE INDEX "clv_prediction_shop_id_churn_risk_idx" ON "clv_prediction"("shop_id", "churn_risk");

-- AddForeignKey
ALTER TABLE "kpi_engine_state" ADD CONSTRAINT "kpi_engine_state_shop_id_fkey" FOREIGN KEY ("shop_id") REFERENCES "shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "clv_model_run" ADD CONSTRAINT "clv_model_run_shop_id_fkey" FOREIGN KEY ("shop_id") REFERENCES "shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- ---------------------------------------------------------------------------------------------------
-- Dirty marking (hand-written; Prisma does not model triggers). Every write to order, refund, checkout
-- and cart records the shop-local days and customers it touched, in the writer's own transaction, so
-- webhooks, backfill, reconciliation and redaction all feed the incremental recompute. Statement-level
-- triggers with transition tables: a batch upsert marks once per statement, not once per row.
-- ---------------------------------------------------------------------------------------------------

-- The shop-local calendar day of a UTC timestamp (columns are timestamp without time zone, in UTC).
CREATE FUNCTION kpi_local_day(at timestamp, zone text) RETURNS date
  LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT ((at AT TIME ZONE 'UTC') AT TIME ZONE zone)::date $$;

-- What a changed order row touches, collected from the statement's transition tables.
CREATE TYPE kpi_order_ref AS (shop_id int, id bigint, ordered_at timestamp, customer_key text, checkout_token text, cart_token text);

CREATE FUNCTION kpi_mark_order_refs(refs kpi_order_ref[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO kpi_dirty_day (shop_id, day)
    SELECT t.shop_id, kpi_local_day(t.ordered_at, s.timezone) FROM unnest(refs) t JOIN shop s ON s.id = t.shop_id
    UNION
    -- a cancelled or re-keyed order takes its refunds out of (or into) the days they were booked on
    SELECT r.shop_id, kpi_local_day(r.refunded_at, s.timezone)
      FROM unnest(refs) t JOIN refund r ON r.shop_id = t.shop_id AND r.order_id = t.id JOIN shop s ON s.id = t.shop_id
    UNION
    -- an order carrying a checkout or cart token completes it, whenever it was created
    SELECT k.shop_id, kpi_local_day(k.shopify_created_at, s.timezone)
      FROM unnest(refs) t JOIN checkout k ON k.shop_id = t.shop_id AND k.token = t.checkout_token JOIN shop s ON s.id = t.shop_id
    UNION
    SELECT c.shop_id, kpi_local_day(c.shopify_created_at, s.timezone)
      FROM unnest(refs) t JOIN cart c ON c.shop_id = t.shop_id AND c.token = t.cart_token JOIN shop s ON s.id = t.shop_id
  ON CONFLICT DO NOTHING;
  INSERT INTO kpi_dirty_customer (shop_id, customer_key)
    SELECT DISTINCT shop_id, customer_key FROM unnest(refs) WHERE customer_key IS NOT NULL
  ON CONFLICT DO NOTHING;
$$;

CREATE FUNCTION kpi_mark_orders() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM kpi_mark_order_refs(ARRAY(
      SELECT ROW(shop_id, id, ordered_at, customer_key, checkout_token, cart_token)::kpi_order_ref FROM new_rows));
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM kpi_mark_order_refs(ARRAY(
      SELECT ROW(shop_id, id, ordered_at, customer_key, checkout_token, cart_token)::kpi_order_ref FROM old_rows));
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER kpi_order_inserted AFTER INSERT ON "order" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_orders();
CREATE TRIGGER kpi_order_updated AFTER UPDATE ON "order" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_orders();
CREATE TRIGGER kpi_order_deleted AFTER DELETE ON "order" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_orders();

CREATE TYPE kpi_refund_ref AS (shop_id int, order_id bigint, refunded_at timestamp);

CREATE FUNCTION kpi_mark_refund_refs(refs kpi_refund_ref[]) RETURNS void LANGUAGE sql AS $$
  -- the refund's own day, and its order's day (refunds booked on the order date; cohort revenue)
  INSERT INTO kpi_dirty_day (shop_id, day)
    SELECT t.shop_id, kpi_local_day(t.refunded_at, s.timezone) FROM unnest(refs) t JOIN shop s ON s.id = t.shop_id
    UNION
    SELECT o.shop_id, kpi_local_day(o.ordered_at, s.timezone)
      FROM unnest(refs) t JOIN "order" o ON o.shop_id = t.shop_id AND o.id = t.order_id JOIN shop s ON s.id = t.shop_id
  ON CONFLICT DO NOTHING;
  INSERT INTO kpi_dirty_customer (shop_id, customer_key)
    SELECT DISTINCT o.shop_id, o.customer_key
      FROM unnest(refs) t JOIN "order" o ON o.shop_id = t.shop_id AND o.id = t.order_id WHERE o.customer_key IS NOT NULL
  ON CONFLICT DO NOTHING;
$$;

CREATE FUNCTION kpi_mark_refunds() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM kpi_mark_refund_refs(ARRAY(SELECT ROW(shop_id, order_id, refunded_at)::kpi_refund_ref FROM new_rows));
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM kpi_mark_refund_refs(ARRAY(SELECT ROW(shop_id, order_id, refunded_at)::kpi_refund_ref FROM old_rows));
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER kpi_refund_inserted AFTER INSERT ON refund REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_refunds();
CREATE TRIGGER kpi_refund_updated AFTER UPDATE ON refund REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_refunds();
CREATE TRIGGER kpi_refund_deleted AFTER DELETE ON refund REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_refunds();

-- Checkouts and carts: the local day each was created (old and new version, should the date move).
CREATE FUNCTION kpi_mark_created_days() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO kpi_dirty_day (shop_id, day)
      SELECT DISTINCT n.shop_id, kpi_local_day(n.shopify_created_at, s.timezone) FROM new_rows n JOIN shop s ON s.id = n.shop_id
    ON CONFLICT DO NOTHING;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO kpi_dirty_day (shop_id, day)
      SELECT DISTINCT o.shop_id, kpi_local_day(o.shopify_created_at, s.timezone) FROM old_rows o JOIN shop s ON s.id = o.shop_id
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER kpi_checkout_inserted AFTER INSERT ON checkout REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_created_days();
CREATE TRIGGER kpi_checkout_updated AFTER UPDATE ON checkout REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_created_days();
CREATE TRIGGER kpi_checkout_deleted AFTER DELETE ON checkout REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_created_days();
CREATE TRIGGER kpi_cart_inserted AFTER INSERT ON cart REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_created_days();
CREATE TRIGGER kpi_cart_updated AFTER UPDATE ON cart REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_created_days();
CREATE TRIGGER kpi_cart_deleted AFTER DELETE ON cart REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_created_days();

-- Rollups and engine state are derived data, rebuilt from the raw rows: UNLOGGED spares the WAL of bulk
-- rebuilds. After a crash PostgreSQL empties them, the state row included, so the next recompute is full.
ALTER TABLE kpi_sales_day SET UNLOGGED;
ALTER TABLE kpi_customer_order SET UNLOGGED;
ALTER TABLE kpi_customer_day SET UNLOGGED;
ALTER TABLE kpi_cohort_day SET UNLOGGED;
ALTER TABLE kpi_period_customers SET UNLOGGED;
ALTER TABLE kpi_engine_state SET UNLOGGED;
