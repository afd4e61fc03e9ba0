/**
 * How the schema maps onto a PostgreSQL spread over several machines by shop (Citus), in one place:
 * docs/scaling.md ("Tables and their distribution") mirrors it, and test/db/distribution-ready.test.ts
 * checks the database catalogue against it, so a new table without a decision fails the suite.
 *
 * Every table with a `shop_id` column is shop-keyed: distributed on shop_id, colocated with "order",
 * shop_id in its primary key, its unique keys and every foreign key to another shop-keyed table. The
 * tables below have no shop_id and say where they go instead.
 */

/** The column every shop-keyed table is distributed on. */
export const DISTRIBUTION_COLUMN = "shop_id";

/** The shop-keyed table the others are colocated with (create_distributed_table's colocate_with). */
export const COLOCATION_ANCHOR = "order";

export type GlobalTablePlacement =
  /** Copied to every node (create_reference_table): shop-keyed tables may reference it and join it. */
  | "reference"
  /** Left on the coordinator only: never joined with shop-keyed tables, nothing references it. */
  | "coordinator";

export interface GlobalTable {
  placement: GlobalTablePlacement;
  why: string;
}

export const GLOBAL_TABLES: Readonly<Record<string, GlobalTable>> = {
  shop: {
    placement: "reference",
    why: "the tenant list itself: looked up by domain (a unique key without shop_id), referenced by every shop-keyed table's foreign key",
  },
  session: {
    placement: "reference",
    why: "Shopify's session storage, keyed by the session id and the shop's domain (no shop_id); small, read on each admin request",
  },
  _prisma_migrations: {
    placement: "coordinator",
    why: "the migration history, read only by the migration runner",
  },
};

/**
 * Tables created at run time, one per shop (their names end in the shop id). Each holds one shop's rows
 * only, so no query on them can mix shops; on a single node they make a shop's full rebuild a table swap
 * (decision 0011). On Citus they fold back into one table distributed on shop_id (decision 0033).
 */
export interface PerShopTable {
  pattern: RegExp;
  citus: string;
}

export const PER_SHOP_TABLES: readonly PerShopTable[] = [
  {
    pattern: /^kpi_customer_order_[0-9]+(_build)?$/,
    citus:
      "one kpi_customer_order table distributed on shop_id, primary key (shop_id, customer_key, ordered_at, order_id)",
  },
  {
    pattern: /^kpi_sales_slot_build_[0-9]+$/,
    citus: "a rebuild's scratch copy of kpi_sales_slot: built in kpi_sales_slot's shard of the shop instead",
  },
];

export const isPerShopTable = (name: string): boolean => PER_SHOP_TABLES.some((t) => t.pattern.test(name));

/** Outside this schema's decision: BullMQ's PostgreSQL backend keeps its own schema ("bullmq"). */
export const OUT_OF_SCOPE_SCHEMAS = ["bullmq"] as const;

const quote = (name: string): string => `'${name.replace(/'/g, "''")}'`;

/**
 * The Citus statements that distribute a database of this schema: the reference tables first (the
 * shop-keyed tables' foreign keys point at shop), then the anchor, then every other shop-keyed table
 * colocated with it. Run on the coordinator, after the citus extension and the worker nodes are added.
 */
export function citusDistributionStatements(shopKeyedTables: readonly string[]): string[] {
  const reference = Object.entries(GLOBAL_TABLES)
    .filter(([, table]) => table.placement === "reference")
    .map(([name]) => `SELECT create_reference_table(${quote(name)});`);
  const others = shopKeyedTables.filter((name) => name !== COLOCATION_ANCHOR && !isPerShopTable(name));
  return [
    ...reference,
    `SELECT create_distributed_table(${quote(`"${COLOCATION_ANCHOR}"`)}, ${quote(DISTRIBUTION_COLUMN)});`,
    ...others
      .sort()
      .map(
        (name) =>
          `SELECT create_distributed_table(${quote(name)}, ${quote(DISTRIBUTION_COLUMN)}, colocate_with => ${quote(`"${COLOCATION_ANCHOR}"`)});`,
      ),
  ];
}
