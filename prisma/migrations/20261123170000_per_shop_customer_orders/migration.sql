-- Each shop's customer-order rows move to a table of its own, kpi_customer_order_<shop id>, created by the
-- KPI engine's full rebuild (docs/decisions/0011-per-shop-customer-order-tables.md). The shared table goes;
-- forgetting the engine state makes every shop's next recompute a full rebuild, which creates its table.

-- DropTable
DROP TABLE "kpi_customer_order";

DELETE FROM "kpi_engine_state";
