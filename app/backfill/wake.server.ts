/**
 * How code that changes a shop's import (install, a finish webhook, a merchant's request) gets a backfill
 * job running. The worker process registers its own queue producer; elsewhere (the web process) the
 * process-wide producers are used. A lost wake-up costs only latency: the job's polling finds the state.
 */
export type BackfillWaker = (shopId: number, reason: string) => Promise<void>;

let registered: BackfillWaker | undefined;

export function setBackfillWaker(waker: BackfillWaker | undefined): void {
  registered = waker;
}

export async function wakeBackfill(shopId: number, reason: string): Promise<void> {
  if (registered) return registered(shopId, reason);
  const { queues } = await import("../../workers/queues.server");
  await queues().enqueueBackfill({ shopId, reason });
}
