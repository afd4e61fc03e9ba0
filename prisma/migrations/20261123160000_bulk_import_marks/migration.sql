-- History imports write orders and their refunds in batches with the transaction-local setting
-- pulse.bulk_import = 'on' (app/backfill/bulk-orders.server.ts). The rows they insert are then not marked
-- dirty one by one: when the import stops it makes the shop's next recompute a full rebuild instead,
-- which reads every row (app/backfill/kpi-handoff.server.ts, docs/decisions/0010-bulk-import-writes.md).
-- Updated and deleted rows, and every other writer (webhooks, reconciliation, redaction), are marked as
-- before.
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
