-- The dirty-marking triggers insert their marks in key order. A mark that another open transaction has
-- just inserted makes ON CONFLICT wait for it; two writers that insert the same days in opposite orders
-- (a refund marks its own day and its order's, in whatever order UNION returns them) then wait for each
-- other. Marking in ascending (shop, day) and (shop, customer) order gives every writer the same order.
-- Same rows as before (migration 20261123100000_kpi_engine); only the order changes.

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
