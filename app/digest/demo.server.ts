/** For the demo script: send a shop's digest of the last complete week right away (same path as the schedule). */
import type { PrismaClient } from "@prisma/client";
import { db } from "~/db.server";
import type { DigestConfig } from "./digest-config.server";
import { digestConfigFromEnv } from "./digest-config.server";
import type { SendDigestOutcome } from "./send-weekly-digest.server";
import { sendWeeklyDigest } from "./send-weekly-digest.server";

export async function sendDigestNow(
  shopId: number,
  deps: { prisma?: PrismaClient; config?: DigestConfig; at?: Date } = {},
): Promise<SendDigestOutcome> {
  const at = deps.at ?? new Date();
  return sendWeeklyDigest(
    { prisma: deps.prisma ?? db(), config: deps.config ?? digestConfigFromEnv() },
    { shopId, jobId: `demo-${shopId}-${at.getTime()}`, at },
  );
}
