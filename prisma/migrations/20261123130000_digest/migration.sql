-- CreateEnum
CREATE TYPE "DigestDeliveryStatus" AS ENUM ('claimed', 'sending', 'sent', 'failed', 'skipped');

-- CreateTable
CREATE TABLE "digest_delivery" (
    "shop_id" INTEGER NOT NULL,
    "iso_week" TEXT NOT NULL,
    "status" "DigestDeliveryStatus" NOT NULL DEFAULT 'claimed',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "claim_token" TEXT,
    "claim_job_id" TEXT,
    "lease_until" TIMESTAMP(3),
    "message_id" TEXT,
    "sent_to" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "sending_to" TEXT,
    "uncertain_to" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "error" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimed_at" TIMESTAMP(3),
    "sent_at" TIMESTAMP(3),
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "digest_delivery_pkey" PRIMARY KEY ("shop_id","iso_week")
);

-- CreateTable
CREATE TABLE "digest_unsubscribe" (
    "shop_id" INTEGER NOT NULL,
    "email" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "digest_unsubscribe_pkey" PRIMARY KEY ("shop_id","email")
);

-- CreateIndex
CREATE INDEX "digest_delivery_shop_id_status_idx" ON "digest_delivery"("shop_id", "status");

-- AddForeignKey
ALTER TABLE "digest_delivery" ADD CONSTRAINT "digest_delivery_shop_id_fkey" FOREIGN KEY ("shop_id") REFERENCES "shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "digest_unsubscribe" ADD CONSTRAINT "digest_unsubscribe_shop_id_fkey" FOREIGN KEY ("shop_id") REFERENCES "shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

