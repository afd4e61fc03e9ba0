-- AlterTable
ALTER TABLE "shop_settings" ADD COLUMN     "admin_language" TEXT,
ADD COLUMN     "digest_language" TEXT;

-- CreateTable
CREATE TABLE "admin_user_locale" (
    "shop_id" INTEGER NOT NULL,
    "user_id" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "admin_user_locale_pkey" PRIMARY KEY ("shop_id","user_id")
);

-- AddForeignKey
ALTER TABLE "admin_user_locale" ADD CONSTRAINT "admin_user_locale_shop_id_fkey" FOREIGN KEY ("shop_id") REFERENCES "shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

