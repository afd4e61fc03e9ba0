import type { PrismaClient } from "@prisma/client";

/**
 * One worker at a time works on a shop's import of one resource. The lease is a row-level claim with an
 * expiry, renewed at every checkpoint: a worker that dies simply lets it run out, and the next job
 * takes over from the last checkpoint.
 */
export async function acquireLease(prisma: PrismaClient, shopId: number, resource: string, owner: string, leaseMs: number): Promise<boolean> {
  const now = new Date();
  const { count } = await prisma.syncState.updateMany({
    where: { shopId, resource, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }, { leaseOwner: owner }] },
    data: { leaseOwner: owner, leaseUntil: new Date(now.getTime() + leaseMs) },
  });
  return count === 1;
}

export async function releaseLease(prisma: PrismaClient, shopId: number, resource: string, owner: string): Promise<void> {
  await prisma.syncState.updateMany({ where: { shopId, resource, leaseOwner: owner }, data: { leaseOwner: null, leaseUntil: null } });
}

/** The lease was taken over (it expired, or the import was restarted): this worker must stop. */
export class LeaseLostError extends Error {
  override name = "LeaseLostError";
}
