export interface BackfillOptions {
  /** Top-level records per committed batch (and checkpoint). */
  batchSize: number;
  /** Bulk operations tried per resource before it is reported as failed. */
  maxAttempts: number;
  /** How long a worker's claim on an import lives without a checkpoint. */
  leaseMs: number;
  /** Polling fallback while a bulk operation runs (the finish webhook usually comes first). */
  pollMs: number;
  /** Wait before a retried bulk operation. */
  retryDelayMs: number;
}

export const defaultBackfillOptions: BackfillOptions = {
  batchSize: 2_000,
  maxAttempts: 3,
  leaseMs: 5 * 60_000,
  pollMs: 15_000,
  retryDelayMs: 60_000,
};

/** Shopify returns only this much order history without the read_all_orders scope. */
export const LIMITED_ORDER_HISTORY_DAYS = 60;
