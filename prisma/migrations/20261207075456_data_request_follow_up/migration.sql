-- AlterTable
ALTER TABLE "data_request" ADD COLUMN     "downloaded_at" TIMESTAMP(3),
ADD COLUMN     "handled_at" TIMESTAMP(3),
ADD COLUMN     "notified_at" TIMESTAMP(3),
ADD COLUMN     "orders_count" INTEGER NOT NULL DEFAULT 0,
ALTER COLUMN "data" DROP NOT NULL;


-- Requests stored before the count existed.
UPDATE "data_request" SET "orders_count" = jsonb_array_length("data"->'orders') WHERE jsonb_typeof("data"->'orders') = 'array';
