/**
 * The DigestDelivery row of a shop and week: the lock and the ledger that make the digest go out once.
 * Every change after the claim is guarded by the claim token, so an attempt that lost its claim (its
 * lease ran out and another attempt took over) can change nothing and sends nothing.
 * See docs/decisions/0007-digest-exactly-once.md.
 */
import crypto from "node:crypto";
import type { DigestDelivery, PrismaClient } from "@prisma/client";

/** Longer than a whole SMTP attempt can take (mailer.server.ts timeouts), so a live attempt keeps its claim. */
export const DELIVERY_LEASE_MS = 5 * 60_000;

export interface DeliveryKey {
  readonly shopId: number;
  readonly isoWeek: string;
}

export interface Claim extends DeliveryKey {
  readonly token: string;
  readonly row: DigestDelivery;
}

export type ClaimResult =
  | { kind: "claimed"; claim: Claim }
  /** Sent or skipped already: nothing to do. */
  | { kind: "done"; row: DigestDelivery }
  /** Another live attempt holds it: try again later. */
  | { kind: "busy"; row: DigestDelivery };

export interface ClaimOptions {
  /** The queue job: a retry of the same job (its previous attempt died) may take over at once. */
  readonly jobId: string;
  readonly now: Date;
  readonly leaseMs?: number;
}

const where = (key: DeliveryKey) => ({ shopId_isoWeek: { shopId: key.shopId, isoWeek: key.isoWeek } });

export async function claimDelivery(
  prisma: PrismaClient,
  key: DeliveryKey,
  options: ClaimOptions,
): Promise<ClaimResult> {
  const token = crypto.randomUUID();
  const leaseUntil = new Date(options.now.getTime() + (options.leaseMs ?? DELIVERY_LEASE_MS));
  const mine = { claimToken: token, claimJobId: options.jobId, leaseUntil, claimedAt: options.now };
  const created = await prisma.digestDelivery.createMany({
    data: [{ shopId: key.shopId, isoWeek: key.isoWeek, status: "claimed", attempts: 1, ...mine }],
    skipDuplicates: true,
  });
  if (created.count === 1) return claimed(prisma, key, token);

  const row = await prisma.digestDelivery.findUniqueOrThrow({ where: where(key) });
  if (row.status === "sent" || row.status === "skipped") return { kind: "done", row };
  const abandoned =
    row.claimJobId === options.jobId ||
    row.leaseUntil === null ||
    row.leaseUntil.getTime() <= options.now.getTime();
  if ((row.status === "claimed" || row.status === "sending") && !abandoned) return { kind: "busy", row };

  // Taking over. A recipient the dead attempt was in the middle of sending to may have received the
  // digest: it moves to uncertain_to and is never sent to again (at most once for that recipient).
  const inDoubt = row.status === "sending" && row.sendingTo !== null ? [row.sendingTo] : [];
  const taken = await prisma.digestDelivery.updateMany({
    where: { shopId: key.shopId, isoWeek: key.isoWeek, status: row.status, claimToken: row.claimToken },
    data: {
      status: "claimed",
      attempts: { increment: 1 },
      sendingTo: null,
      ...(inDoubt.length ? { uncertainTo: { push: inDoubt } } : {}),
      ...mine,
    },
  });
  if (taken.count === 0) return { kind: "busy", row };
  return claimed(prisma, key, token);
}

async function claimed(prisma: PrismaClient, key: DeliveryKey, token: string): Promise<ClaimResult> {
  const row = await prisma.digestDelivery.findUniqueOrThrow({ where: where(key) });
  return { kind: "claimed", claim: { ...key, token, row } };
}

const guard = (claim: Claim) => ({ shopId: claim.shopId, isoWeek: claim.isoWeek, claimToken: claim.token });

/** Marks the SMTP transaction to `recipient` as started; false when the claim was lost (then send nothing). */
export async function beginSending(
  prisma: PrismaClient,
  claim: Claim,
  recipient: string,
  messageId: string,
  now: Date,
  leaseMs = DELIVERY_LEASE_MS,
): Promise<boolean> {
  const { count } = await prisma.digestDelivery.updateMany({
    where: { ...guard(claim), status: "claimed" },
    data: {
      status: "sending",
      sendingTo: recipient,
      messageId,
      leaseUntil: new Date(now.getTime() + leaseMs),
    },
  });
  return count === 1;
}

/** The SMTP server accepted the message for `recipient`. */
export async function recordSent(prisma: PrismaClient, claim: Claim, recipient: string): Promise<void> {
  const { count } = await prisma.digestDelivery.updateMany({
    where: { ...guard(claim), status: "sending", sendingTo: recipient },
    data: { status: "claimed", sendingTo: null, sentTo: { push: recipient } },
  });
  if (count !== 1)
    throw new Error(
      `digest ${claim.isoWeek} of shop ${claim.shopId}: claim lost after sending to a recipient`,
    );
}

/** The SMTP attempt failed in a way that may have delivered it: never send to that recipient again. */
export async function recordInDoubt(
  prisma: PrismaClient,
  claim: Claim,
  recipient: string,
  error: string,
): Promise<void> {
  await prisma.digestDelivery.updateMany({
    where: { ...guard(claim), status: "sending", sendingTo: recipient },
    data: { status: "failed", sendingTo: null, uncertainTo: { push: recipient }, error, leaseUntil: null },
  });
}

/** Failed before anything could have been delivered to the current recipient: the next attempt resumes. */
export async function recordFailed(prisma: PrismaClient, claim: Claim, error: string): Promise<void> {
  await prisma.digestDelivery.updateMany({
    where: { ...guard(claim), status: { in: ["claimed", "sending"] } },
    data: { status: "failed", sendingTo: null, error, leaseUntil: null },
  });
}

export async function recordSkipped(prisma: PrismaClient, claim: Claim, reason: string): Promise<void> {
  await prisma.digestDelivery.updateMany({
    where: { ...guard(claim), status: "claimed" },
    data: { status: "skipped", error: reason, leaseUntil: null },
  });
}

export async function recordFinished(prisma: PrismaClient, claim: Claim, now: Date): Promise<void> {
  await prisma.digestDelivery.updateMany({
    where: { ...guard(claim), status: "claimed" },
    data: { status: "sent", sentAt: now, error: null, leaseUntil: null },
  });
}
