-- AlterTable
ALTER TABLE "clv_model_run" ADD COLUMN     "backtest" JSONB,
ADD COLUMN     "model" TEXT NOT NULL DEFAULT 'bg-nbd';

