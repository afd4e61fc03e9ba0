/**
 * How long the app keeps what it must not keep forever. docs/privacy.md cites these numbers; change
 * them here only.
 */

const DAY_MS = 86_400_000;

/**
 * A customer data request's stored copy, counted from its arrival. Shopify expects the merchant to
 * hand the data to the customer within 30 days; past that the copy has no purpose left.
 */
export const DATA_REQUEST_RETENTION_DAYS = 30;

/**
 * A processed inbox row (its payload is already gone): far longer than Shopify retries a delivery (8
 * times over 4 hours), so a redelivery is still recognised; longer than the daily reconciliation reaches
 * back (its first run: 2 days and an overlap), so no row goes before a reconciliation has covered its
 * time; and long enough to look into a recent incident. Past it the table stops growing
 * (test/queue/bounded-growth.test.ts holds the reconciliation to it).
 * The newest row of each shop stays, because the sync status shows when the last webhook arrived.
 */
export const PROCESSED_EVENT_RETENTION_DAYS = 7;

/** The payload of a failed event, kept so a person can see why it failed and replay it. */
export const FAILED_PAYLOAD_RETENTION_DAYS = 30;

/** A failed event's row (error message, topic, times, no payload), counted on the overview. */
export const FAILED_EVENT_RETENTION_DAYS = 90;

/**
 * A reconciliation run's row (counts and errors), for looking into a past incident. Each shop's newest
 * run and newest successful run stay whatever their age: the status shows the one, and the next run
 * starts from the other.
 */
export const RECONCILE_RUN_RETENTION_DAYS = 90;

/**
 * A weekly digest's delivery row, which holds the addresses it went to. Past half a year no retry can
 * still want the week, so the row that made it go out once has done its work.
 */
export const DIGEST_DELIVERY_RETENTION_DAYS = 180;

export const daysBefore = (now: Date, days: number): Date => new Date(now.getTime() - days * DAY_MS);
export const daysAfter = (from: Date, days: number): Date => new Date(from.getTime() + days * DAY_MS);

/** When a data request's copy is deleted. */
export const dataRequestExpiresAt = (requestedAt: Date): Date =>
  daysAfter(requestedAt, DATA_REQUEST_RETENTION_DAYS);
