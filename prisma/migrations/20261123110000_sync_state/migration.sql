-- CreateEnum
CREATE TYPE "SyncResourceStatus" AS ENUM ('pending', 'running', 'importing', 'completed', 'failed');

-- CreateTable
CREATE TABLE "sync_state" (
    "shop_id" INTEGER NOT NULL,
    "resource" TEXT NOT NULL,
    "status" "SyncResourceStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "bulk_operation_id" TEXT,
    "bulk_status" TEXT,
    "error_code" TEXT,
    "object_count" BIGINT,
    "result_url" TEXT,
    "partial_data" BOOLEAN NOT NULL DEFAULT false,
    "byte_offset" BIGINT NOT NULL DEFAULT 0,
    "lines_done" BIGINT NOT NULL DEFAULT 0,
    "rows_done" INTEGER NOT NULL DEFAULT 0,
    "scope_limited" BOOLEAN NOT NULL DEFAULT false,
    "history_from" TIMESTAMP(3),
    "lease_until" TIMESTAMP(3),
    "lease_owner" TEXT,
    "requested_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMP(3),
    "import_started_at" TIMESTAMP(3),
    "finished_at" TIMESTAMP(3),
    "finish_webhook_at" TIMESTAMP(3),
    "error" TEXT,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "sync_state_pkey" PRIMARY KEY ("shop_id","resource")
);

-- CreateTable
CREATE TABLE "reconcile_run" (
    "shop_id" INTEGER NOT NULL,
    "id" SERIAL NOT NULL,
    "since" TIMESTAMP(3) NOT NULL,
    "started_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMP(3),
    "status" TEXT NOT NULL DEFAULT 'running',
    "fetched" INTEGER NOT NULL DEFAULT 0,
    "missed_orders" INTEGER NOT NULL DEFAULT 0,
    "missed_customers" INTEGER NOT NULL DEFAULT 0,
    "missed_checkouts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,

    CONSTRAINT "reconcile_run_pkey" PRIMARY KEY ("shop_id","id")
);

-- CreateIndex
CREATE INDEX "reconcile_run_shop_id_started_at_idx" ON "reconcile_run"("shop_id", "started_at");

-- AddForeignKey
ALTER TABLE "sync_state" ADD CONSTRAINT "sync_state_shop_id_fkey" FOREIGN KEY ("shop_id") REFERENCES "shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reconcile_run" ADD CONSTRAINT "reconcile_run_shop_id_fkey" FOREIGN KEY ("shop_id") REFERENCES "shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

