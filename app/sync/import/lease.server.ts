import type { PrismaClient } from "@prisma/client";

/**
 * One worker at a time works on a shop's import of one resource. The lease is a row-level claim with an
 * expiry, renewed at every checkpoint: a worker that dies simply lets it run out, and the next job
 * takes over from the last checkpoint.
 */
export async function acquireLease(
  prisma: PrismaClient,
  shopId: number,
  resource: string,
  owner: string,
  leaseMs: number,
): Promise<boolean> {
  const now = new Date();
  const { count } = await prisma.syncState.updateMany({
    where: {
      shopId,
      resource,
      OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }, { leaseOwner: owner }],
    },
    data: { leaseOwner: owner, leaseUntil: new Date(now.getTime() + leaseMs) },
  });
  return count === 1;
}

const LEASE_ATTEMPTS = 10;
const LEASE_RETRY_MS = 100;

/**
 * acquireLease, retried for up to a second: a wake-up (a finish webhook) often lands while the worker
 * whose request caused it is still finishing its step, and waiting a moment for its lease beats leaving
 * the wake-up to the next poll, minutes away.
 */
export async function acquireLeaseSoon(
  prisma: PrismaClient,
  shopId: number,
  resource: string,
  owner: string,
  leaseMs: number,
): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    if (await acquireLease(prisma, shopId, resource, owner, leaseMs)) return true;
    if (attempt === LEASE_ATTEMPTS) return false;
    await new Promise((resolve) => setTimeout(resolve, LEASE_RETRY_MS));
  }
}

export async function releaseLease(
  prisma: PrismaClient,
  shopId: number,
  resource: string,
  owner: string,
): Promise<void> {
  await prisma.syncState.updateMany({
    where: { shopId, resource, leaseOwner: owner },
    data: { leaseOwner: null, leaseUntil: null },
  });
}

/** The lease was taken over (it expired, or the import was restarted): this worker must stop. */
export class LeaseLostError extends Error {
  override name = "LeaseLostError";
}
