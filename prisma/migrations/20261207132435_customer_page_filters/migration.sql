-- DropIndex
DROP INDEX "clv_prediction_page_by_orders_idx";

-- AlterTable
ALTER TABLE "clv_prediction" ADD COLUMN     "email" TEXT,
ADD COLUMN     "last_order_day" DATE NOT NULL DEFAULT '1970-01-01'::date,
ADD COLUMN     "name" TEXT,
ADD COLUMN     "orders" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "search_text" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "spent_minor" DOUBLE PRECISION NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "clv_prediction_page_by_orders_idx" ON "clv_prediction"("shop_id", "churn_risk", "orders", "customer_key", "frequency");

-- CreateIndex
CREATE INDEX "clv_prediction_page_by_spent_idx" ON "clv_prediction"("shop_id", "churn_risk", "spent_minor", "customer_key", "frequency");

-- CreateIndex
CREATE INDEX "clv_prediction_page_by_last_order_idx" ON "clv_prediction"("shop_id", "churn_risk", "last_order_day", "customer_key", "frequency");

-- CreateIndex
CREATE INDEX "clv_prediction_page_by_name_idx" ON "clv_prediction"("shop_id", "churn_risk", "search_text", "customer_key", "frequency");


-- Written by hand (Prisma cannot express it): search by any part of a name or email. pg_trgm matches
-- LIKE '%…%' by index, btree_gin lets the index start with the shop like every other, and unaccent
-- folds accents when the search text is stored and when a search is read.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS btree_gin;
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE INDEX "clv_prediction_search_idx" ON "clv_prediction" USING gin ("shop_id", "search_text" gin_trgm_ops);
