-- AlterTable
ALTER TABLE "shop" ADD COLUMN     "primary_locale" TEXT;

