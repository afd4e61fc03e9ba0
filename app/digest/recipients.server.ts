/** Who gets a shop's digest: the settings' recipients, validated and normalised, minus those who unsubscribed. */
import type { PrismaClient } from "@prisma/client";
import { z } from "zod";

const emailSchema = z.email();

/** Trimmed, lower-cased, valid and distinct addresses; anything else is dropped. */
export function validRecipients(addresses: readonly string[]): string[] {
  const out = new Set<string>();
  for (const raw of addresses) {
    const email = raw.trim().toLowerCase();
    if (emailSchema.safeParse(email).success) out.add(email);
  }
  return [...out];
}

export interface RecipientStatus {
  readonly email: string;
  /** When they used the unsubscribe link; null while they receive the digest. */
  readonly unsubscribedAt: Date | null;
  /** When an opt-in email was sent after they were added again; null when none is awaited. */
  readonly optInRequestedAt: Date | null;
}

/** The settings' digest switch and each valid recipient with whether they unsubscribed. */
async function readRecipients(
  prisma: PrismaClient,
  shopId: number,
): Promise<{ enabled: boolean; statuses: RecipientStatus[] }> {
  const settings = await prisma.shopSettings.findUnique({
    where: { shopId },
    select: { digestEnabled: true, digestRecipients: true },
  });
  if (!settings) return { enabled: true, statuses: [] };
  const valid = validRecipients(settings.digestRecipients);
  const unsubscribed = await prisma.digestUnsubscribe.findMany({
    where: { shopId, email: { in: valid } },
    select: { email: true, createdAt: true, optInRequestedAt: true },
  });
  const rows = new Map(unsubscribed.map((u) => [u.email, u]));
  return {
    enabled: settings.digestEnabled,
    statuses: valid.map((email) => ({
      email,
      unsubscribedAt: rows.get(email)?.createdAt ?? null,
      optInRequestedAt: rows.get(email)?.optInRequestedAt ?? null,
    })),
  };
}

export async function digestRecipients(
  prisma: PrismaClient,
  shopId: number,
): Promise<{ enabled: boolean; recipients: string[] }> {
  const { enabled, statuses } = await readRecipients(prisma, shopId);
  return { enabled, recipients: statuses.filter((s) => s.unsubscribedAt === null).map((s) => s.email) };
}

/** Each recipient in the settings with whether they still receive the digest (the Settings page shows it). */
export async function recipientStatuses(prisma: PrismaClient, shopId: number): Promise<RecipientStatus[]> {
  return (await readRecipients(prisma, shopId)).statuses;
}

/** Records a one-click unsubscribe (idempotent); it voids an opt-in link sent before. */
export async function recordUnsubscribe(prisma: PrismaClient, shopId: number, email: string): Promise<void> {
  const normalised = email.trim().toLowerCase();
  await prisma.digestUnsubscribe.upsert({
    where: { shopId_email: { shopId, email: normalised } },
    create: { shopId, email: normalised },
    update: { optInRequestedAt: null },
  });
}
