import { queues, type Queues } from "~/jobs/producer.server";

/**
 * How code that changes a shop's import (install, a finish webhook, a merchant's request) gets a backfill
 * job running: through the process's producer, or the one a caller (the worker, a test) hands in. A lost
 * wake-up costs only latency: the job's polling finds the state.
 */
export type BackfillWaker = (shopId: number, reason: string) => Promise<void>;

export async function wakeBackfill(
  shopId: number,
  reason: string,
  producer: Pick<Queues, "enqueueBackfill"> = queues(),
): Promise<void> {
  await producer.enqueueBackfill({ shopId, reason });
}
