-- AlterTable
ALTER TABLE "cart" ADD COLUMN     "create_seen_at" TIMESTAMP(3);


-- Carts stored before this column cannot tell a create from an update: they keep counting as they did, so
-- past KPIs do not move. Their counts do not change, so no local day needs recomputing (trigger off).
ALTER TABLE "cart" DISABLE TRIGGER kpi_cart_updated;
UPDATE "cart" SET "create_seen_at" = "shopify_created_at";
ALTER TABLE "cart" ENABLE TRIGGER kpi_cart_updated;
