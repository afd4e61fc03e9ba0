-- AlterTable
ALTER TABLE "kpi_engine_state" ADD COLUMN     "generation" UUID;

