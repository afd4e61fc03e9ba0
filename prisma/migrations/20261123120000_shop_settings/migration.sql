-- CreateEnum
CREATE TYPE "RefundAttribution" AS ENUM ('refund_date', 'order_date');

-- CreateTable
CREATE TABLE "shop_settings" (
    "shop_id" INTEGER NOT NULL,
    "activity_window_days" INTEGER NOT NULL DEFAULT 180,
    "grace_minutes" INTEGER NOT NULL DEFAULT 10,
    "refund_attribution" "RefundAttribution" NOT NULL DEFAULT 'refund_date',
    "gross_margin_pct" DECIMAL(5,2),
    "use_product_costs" BOOLEAN NOT NULL DEFAULT false,
    "marketing_spend" JSONB NOT NULL DEFAULT '{}',
    "digest_enabled" BOOLEAN NOT NULL DEFAULT true,
    "digest_recipients" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "digest_weekday" INTEGER NOT NULL DEFAULT 1,
    "digest_hour" INTEGER NOT NULL DEFAULT 8,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "shop_settings_pkey" PRIMARY KEY ("shop_id")
);

-- AddForeignKey
ALTER TABLE "shop_settings" ADD CONSTRAINT "shop_settings_shop_id_fkey" FOREIGN KEY ("shop_id") REFERENCES "shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

