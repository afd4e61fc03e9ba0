-- AlterTable
ALTER TABLE "shop" ADD COLUMN     "shopify_id" BIGINT;

