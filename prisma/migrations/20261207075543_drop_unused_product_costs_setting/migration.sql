-- AlterTable
ALTER TABLE "shop_settings" DROP COLUMN "use_product_costs";

