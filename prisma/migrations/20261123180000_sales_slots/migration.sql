-- CreateTable
CREATE TABLE "kpi_sales_slot" (
    "shop_id" INTEGER NOT NULL,
    "slot" TIMESTAMP(3) NOT NULL,
    "orders" INTEGER NOT NULL DEFAULT 0,
    "identified_orders" INTEGER NOT NULL DEFAULT 0,
    "units" BIGINT NOT NULL DEFAULT 0,
    "gross_minor" BIGINT NOT NULL DEFAULT 0,
    "discounts_minor" BIGINT NOT NULL DEFAULT 0,
    "shipping_minor" BIGINT NOT NULL DEFAULT 0,
    "taxes_minor" BIGINT NOT NULL DEFAULT 0,
    "duties_minor" BIGINT NOT NULL DEFAULT 0,
    "returns_minor" BIGINT NOT NULL DEFAULT 0,
    "shipping_refunded_minor" BIGINT NOT NULL DEFAULT 0,
    "taxes_refunded_minor" BIGINT NOT NULL DEFAULT 0,
    "duties_refunded_minor" BIGINT NOT NULL DEFAULT 0,
    "checkouts_created" INTEGER NOT NULL DEFAULT 0,
    "checkouts_completed" INTEGER NOT NULL DEFAULT 0,
    "carts_created" INTEGER NOT NULL DEFAULT 0,
    "carts_completed" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "kpi_sales_slot_pkey" PRIMARY KEY ("shop_id","slot")
);

-- Derived data, like the other rollups (see 20261123100000_kpi_engine).
ALTER TABLE kpi_sales_slot SET UNLOGGED;

-- The daily rollup is now summed from the slots: forget the engine state so every shop rebuilds.
DELETE FROM "kpi_engine_state";
