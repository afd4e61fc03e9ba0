-- CreateTable
CREATE TABLE "clv_metafield_state" (
    "shop_id" INTEGER NOT NULL,
    "customer_id" BIGINT NOT NULL,
    "value_hash" TEXT,
    "written_at" TIMESTAMP(3),
    "last_error" TEXT,
    "failed_at" TIMESTAMP(3),

    CONSTRAINT "clv_metafield_state_pkey" PRIMARY KEY ("shop_id","customer_id")
);

-- AddForeignKey
ALTER TABLE "clv_metafield_state" ADD CONSTRAINT "clv_metafield_state_shop_id_fkey" FOREIGN KEY ("shop_id") REFERENCES "shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

