-- CreateTable
CREATE TABLE "test_digest_send" (
    "id" BIGSERIAL NOT NULL,
    "shop_id" INTEGER NOT NULL,
    "email" TEXT NOT NULL,
    "sent_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "test_digest_send_pkey" PRIMARY KEY ("shop_id","id")
);

-- CreateIndex
CREATE INDEX "test_digest_send_shop_id_sent_at_idx" ON "test_digest_send"("shop_id", "sent_at");

-- AddForeignKey
ALTER TABLE "test_digest_send" ADD CONSTRAINT "test_digest_send_shop_id_fkey" FOREIGN KEY ("shop_id") REFERENCES "shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

