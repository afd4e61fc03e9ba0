-- CreateTable
CREATE TABLE "customer_tombstone" (
    "shop_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "digest" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "customer_tombstone_pkey" PRIMARY KEY ("shop_id","kind","digest")
);

-- AddForeignKey
ALTER TABLE "customer_tombstone" ADD CONSTRAINT "customer_tombstone_shop_id_fkey" FOREIGN KEY ("shop_id") REFERENCES "shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

