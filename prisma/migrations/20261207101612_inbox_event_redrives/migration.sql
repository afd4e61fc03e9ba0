-- AlterTable
ALTER TABLE "webhook_event" ADD COLUMN     "redrives" INTEGER NOT NULL DEFAULT 0;

