-- Every trigger, trigger function and SQL function the app relies on, in its current text.
--
-- The migration runner (app/db/migrate.server.ts) applies this file after the migrations on every start,
-- under the same advisory lock, and records nothing in _prisma_migrations: to change a function or a
-- trigger, edit it here and the diff shows the change (docs/decisions/0027-sql-functions-in-one-file.md).
-- Every statement is CREATE OR REPLACE, so applying the file again changes nothing. Migrations created
-- these objects first (20261123100000_kpi_engine, 20261123150000_page_counts) and redefined some later;
-- those migrations stay as they are, since their checksums are recorded.
--
-- Not here: the composite types kpi_order_ref and kpi_refund_ref (20261123100000_kpi_engine). A type
-- cannot be replaced in place; changing one is a schema change, for a migration.
--
-- A migration that needs a new version of a function while it runs must define that version itself
-- too: this file runs only after the last migration.

-- ---------------------------------------------------------------------------------------------------
-- Shared by the triggers and the engine's own SQL (app/kpi-engine/).
-- ---------------------------------------------------------------------------------------------------

-- The shop-local calendar day of a UTC timestamp (columns are timestamp without time zone, in UTC).
CREATE OR REPLACE FUNCTION kpi_local_day(at timestamp, zone text) RETURNS date
  LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT ((at AT TIME ZONE 'UTC') AT TIME ZONE zone)::date $$;

-- ---------------------------------------------------------------------------------------------------
-- Dirty marking. Every write to order, refund, checkout and cart records the shop-local days and
-- customers it touched, in the writer's own transaction, so webhooks, backfill, reconciliation and
-- redaction all feed the incremental recompute. Statement-level triggers with transition tables: a batch
-- upsert marks once per statement, not once per row.
--
-- Marks are inserted in key order: a mark that another open transaction has just inserted makes
-- ON CONFLICT wait for it, and two writers inserting the same days in opposite orders would wait for each
-- other. Ascending (shop, day) and (shop, customer) order gives every writer the same order.
--
-- History imports insert with the transaction-local setting pulse.bulk_import = 'on': those inserts are
-- not marked, the import makes the next recompute a full rebuild instead
-- (app/backfill/kpi-handoff.server.ts, docs/decisions/0010-bulk-import-writes.md).
-- ---------------------------------------------------------------------------------------------------

-- What a changed order row touches: its day, its refunds' days, and the days its checkout or cart was
-- created (the order completes them).
CREATE OR REPLACE FUNCTION kpi_mark_order_refs(refs kpi_order_ref[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO kpi_dirty_day (shop_id, day)
    SELECT shop_id, day FROM (
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
    ) AS marked(shop_id, day)
    ORDER BY shop_id, day
  ON CONFLICT DO NOTHING;
  INSERT INTO kpi_dirty_customer (shop_id, customer_key)
    SELECT DISTINCT shop_id, customer_key FROM unnest(refs) WHERE customer_key IS NOT NULL
    ORDER BY shop_id, customer_key
  ON CONFLICT DO NOTHING;
$$;

CREATE OR REPLACE FUNCTION kpi_mark_orders() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' AND current_setting('pulse.bulk_import', true) = 'on' THEN
    RETURN NULL;
  END IF;
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

CREATE OR REPLACE TRIGGER kpi_order_inserted AFTER INSERT ON "order" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_orders();
CREATE OR REPLACE TRIGGER kpi_order_updated AFTER UPDATE ON "order" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_orders();
CREATE OR REPLACE TRIGGER kpi_order_deleted AFTER DELETE ON "order" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_orders();

CREATE OR REPLACE FUNCTION kpi_mark_refund_refs(refs kpi_refund_ref[]) RETURNS void LANGUAGE sql AS $$
  -- the refund's own day, and its order's day (refunds booked on the order date; cohort revenue)
  INSERT INTO kpi_dirty_day (shop_id, day)
    SELECT shop_id, day FROM (
      SELECT t.shop_id, kpi_local_day(t.refunded_at, s.timezone) FROM unnest(refs) t JOIN shop s ON s.id = t.shop_id
      UNION
      SELECT o.shop_id, kpi_local_day(o.ordered_at, s.timezone)
        FROM unnest(refs) t JOIN "order" o ON o.shop_id = t.shop_id AND o.id = t.order_id JOIN shop s ON s.id = t.shop_id
    ) AS marked(shop_id, day)
    ORDER BY shop_id, day
  ON CONFLICT DO NOTHING;
  INSERT INTO kpi_dirty_customer (shop_id, customer_key)
    SELECT DISTINCT o.shop_id, o.customer_key
      FROM unnest(refs) t JOIN "order" o ON o.shop_id = t.shop_id AND o.id = t.order_id WHERE o.customer_key IS NOT NULL
    ORDER BY o.shop_id, o.customer_key
  ON CONFLICT DO NOTHING;
$$;

CREATE OR REPLACE FUNCTION kpi_mark_refunds() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' AND current_setting('pulse.bulk_import', true) = 'on' THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM kpi_mark_refund_refs(ARRAY(SELECT ROW(shop_id, order_id, refunded_at)::kpi_refund_ref FROM new_rows));
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM kpi_mark_refund_refs(ARRAY(SELECT ROW(shop_id, order_id, refunded_at)::kpi_refund_ref FROM old_rows));
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE TRIGGER kpi_refund_inserted AFTER INSERT ON refund REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_refunds();
CREATE OR REPLACE TRIGGER kpi_refund_updated AFTER UPDATE ON refund REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_refunds();
CREATE OR REPLACE TRIGGER kpi_refund_deleted AFTER DELETE ON refund REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_refunds();

-- Checkouts and carts: the local day each was created (old and new version, should the date move).
CREATE OR REPLACE FUNCTION kpi_mark_created_days() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO kpi_dirty_day (shop_id, day)
      SELECT DISTINCT n.shop_id, kpi_local_day(n.shopify_created_at, s.timezone) FROM new_rows n JOIN shop s ON s.id = n.shop_id
      ORDER BY 1, 2
    ON CONFLICT DO NOTHING;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO kpi_dirty_day (shop_id, day)
      SELECT DISTINCT o.shop_id, kpi_local_day(o.shopify_created_at, s.timezone) FROM old_rows o JOIN shop s ON s.id = o.shop_id
      ORDER BY 1, 2
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE TRIGGER kpi_checkout_inserted AFTER INSERT ON checkout REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_created_days();
CREATE OR REPLACE TRIGGER kpi_checkout_updated AFTER UPDATE ON checkout REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_created_days();
CREATE OR REPLACE TRIGGER kpi_checkout_deleted AFTER DELETE ON checkout REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_created_days();
CREATE OR REPLACE TRIGGER kpi_cart_inserted AFTER INSERT ON cart REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_created_days();
CREATE OR REPLACE TRIGGER kpi_cart_updated AFTER UPDATE ON cart REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_created_days();
CREATE OR REPLACE TRIGGER kpi_cart_deleted AFTER DELETE ON cart REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_created_days();

-- ---------------------------------------------------------------------------------------------------
-- Segment sizes of the Customers page, kept in the writer's transaction: every statement that writes
-- clv_prediction (the nightly model run, a customer or shop redaction) adds or subtracts its rows per
-- shop, churn-risk bucket and repeat/one-order. Counts that reach zero are removed.
-- ---------------------------------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION clv_count_segments() RETURNS trigger LANGUAGE plpgsql AS $$
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

CREATE OR REPLACE TRIGGER clv_prediction_counted_insert AFTER INSERT ON clv_prediction REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION clv_count_segments();
CREATE OR REPLACE TRIGGER clv_prediction_counted_update AFTER UPDATE ON clv_prediction
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION clv_count_segments();
CREATE OR REPLACE TRIGGER clv_prediction_counted_delete AFTER DELETE ON clv_prediction REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION clv_count_segments();
