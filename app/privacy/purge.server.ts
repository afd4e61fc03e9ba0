/**
 * The daily privacy retention run: deletes what the app has kept for as long as retention.ts allows.
 * Every step is idempotent and bounded per statement, so a rerun or a crash halfway is harmless.
 * An inbox row still waiting for processing (`received`) is never touched.
 */
import type { PrismaClient } from "@prisma/client";
import { log } from "~/logger.server";
import {
  DATA_REQUEST_RETENTION_DAYS,
  daysBefore,
  DIGEST_DELIVERY_RETENTION_DAYS,
  FAILED_EVENT_RETENTION_DAYS,
  FAILED_PAYLOAD_RETENTION_DAYS,
  PROCESSED_EVENT_RETENTION_DAYS,
  RECONCILE_RUN_RETENTION_DAYS,
} from "./retention";

export interface PurgeSummary {
  dataRequests: number;
  failedPayloads: number;
  failedEvents: number;
  processedEvents: number;
  reconcileRuns: number;
  digestDeliveries: number;
}

/** Rows per statement: keeps each lock and WAL burst small on a large inbox. */
const BATCH = 5_000;

async function inBatches(step: () => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const count = await step();
    total += count;
    if (count < BATCH) return total;
  }
}

export async function purgeExpired(prisma: PrismaClient, now: Date): Promise<PurgeSummary> {
  const requestCutoff = daysBefore(now, DATA_REQUEST_RETENTION_DAYS);
  const dataRequests = await inBatches(
    () => prisma.$executeRaw`
    DELETE FROM data_request WHERE ctid IN (
      SELECT ctid FROM data_request WHERE created_at <= ${requestCutoff} LIMIT ${BATCH})`,
  );

  const failedCutoff = daysBefore(now, FAILED_EVENT_RETENTION_DAYS);
  const failedEvents = await inBatches(
    () => prisma.$executeRaw`
    DELETE FROM webhook_event WHERE ctid IN (
      SELECT ctid FROM webhook_event WHERE status = 'failed' AND received_at <= ${failedCutoff} LIMIT ${BATCH})`,
  );

  const payloadCutoff = daysBefore(now, FAILED_PAYLOAD_RETENTION_DAYS);
  const failedPayloads = await inBatches(
    () => prisma.$executeRaw`
    UPDATE webhook_event SET payload = NULL WHERE ctid IN (
      SELECT ctid FROM webhook_event
      WHERE status = 'failed' AND payload IS NOT NULL AND received_at <= ${payloadCutoff} LIMIT ${BATCH})`,
  );

  // The newest row of each shop stays: the sync status reports when the last webhook arrived.
  const processedCutoff = daysBefore(now, PROCESSED_EVENT_RETENTION_DAYS);
  const processedEvents = await inBatches(
    () => prisma.$executeRaw`
    DELETE FROM webhook_event WHERE ctid IN (
      SELECT e.ctid FROM webhook_event e
      WHERE e.status = 'processed' AND e.received_at <= ${processedCutoff}
        AND e.received_at < (SELECT max(n.received_at) FROM webhook_event n WHERE n.shop_id = e.shop_id)
      LIMIT ${BATCH})`,
  );

  const runCutoff = daysBefore(now, RECONCILE_RUN_RETENTION_DAYS);
  const reconcileRuns = await inBatches(
    () => prisma.$executeRaw`
    DELETE FROM reconcile_run WHERE ctid IN (
      SELECT r.ctid FROM reconcile_run r
      WHERE r.started_at <= ${runCutoff}
        AND r.id <> (SELECT n.id FROM reconcile_run n WHERE n.shop_id = r.shop_id
                     ORDER BY n.started_at DESC, n.id DESC LIMIT 1)
        AND r.id IS DISTINCT FROM (SELECT s.id FROM reconcile_run s
                     WHERE s.shop_id = r.shop_id AND s.status = 'succeeded'
                     ORDER BY s.started_at DESC, s.id DESC LIMIT 1)
      LIMIT ${BATCH})`,
  );

  const digestCutoff = daysBefore(now, DIGEST_DELIVERY_RETENTION_DAYS);
  const digestDeliveries = await inBatches(
    () => prisma.$executeRaw`
    DELETE FROM digest_delivery WHERE ctid IN (
      SELECT ctid FROM digest_delivery WHERE created_at <= ${digestCutoff} LIMIT ${BATCH})`,
  );

  const summary = {
    dataRequests,
    failedPayloads,
    failedEvents,
    processedEvents,
    reconcileRuns,
    digestDeliveries,
  };
  log.info("privacy retention run", summary);
  return summary;
}
