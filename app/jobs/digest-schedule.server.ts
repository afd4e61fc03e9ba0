/**
 * Keeps each shop's digest job scheduler in line with its settings: upserted (idempotent, so any number
 * of workers may do it) for an installed shop with the digest on, removed otherwise.
 */
import type { PrismaClient } from "@prisma/client";
import { db } from "~/db.server";
import { checkedPayload } from "./contract";
import type { DigestJob } from "./digest.job";
import {
  DIGEST_SCHEDULER_PREFIX,
  DIGEST_SYNC_SCHEDULER_ID,
  digestCron,
  digestJob,
  digestJobOptions,
  digestSchedulerId,
} from "./digest.job";
import { queues } from "./producer.server";
import type { AppQueue } from "./queue-backend.server";

/** Defaults: the process's database and producer. */
export interface DigestScheduleDeps {
  prisma?: PrismaClient;
  queue?: AppQueue<DigestJob>;
}

export interface DigestScheduleSpec {
  pattern: string;
  tz: string;
}

/** The schedule a shop should have, or null for none. */
export async function desiredDigestSchedule(
  prisma: PrismaClient,
  shopId: number,
): Promise<DigestScheduleSpec | null> {
  const shop = await prisma.shop.findUnique({
    where: { id: shopId },
    select: {
      state: true,
      timezone: true,
      settings: { select: { digestEnabled: true, digestWeekday: true, digestHour: true } },
    },
  });
  if (!shop || shop.state !== "installed") return null;
  // No settings row yet means ShopSettings' column defaults: on, Monday 08:00.
  const settings = shop.settings ?? { digestEnabled: true, digestWeekday: 1, digestHour: 8 };
  if (!settings.digestEnabled) return null;
  return { pattern: digestCron(settings.digestWeekday, settings.digestHour), tz: shop.timezone };
}

/** Call after a shop's digest settings, timezone or install state change. */
export async function syncDigestSchedule(
  shopId: number,
  deps: DigestScheduleDeps = {},
): Promise<DigestScheduleSpec | null> {
  const prisma = deps.prisma ?? db();
  const queue = deps.queue ?? queues().digest;
  const spec = await desiredDigestSchedule(prisma, shopId);
  if (spec) {
    await queue.upsertJobScheduler(digestSchedulerId(shopId), spec, {
      name: "digest",
      data: checkedPayload(digestJob, "digest", { shopId }),
      opts: digestJobOptions,
    });
  } else {
    await queue.removeJobScheduler(digestSchedulerId(shopId));
  }
  return spec;
}

/** Every installed shop gets its scheduler; schedulers of shops no longer installed go. */
export async function syncAllDigestSchedules(
  prisma: PrismaClient,
  queue: AppQueue<DigestJob>,
): Promise<{ scheduled: number; removed: number }> {
  const shops = await prisma.shop.findMany({ where: { state: "installed" }, select: { id: true } });
  let scheduled = 0;
  for (const shop of shops) if (await syncDigestSchedule(shop.id, { prisma, queue })) scheduled += 1;
  const installed = new Set(shops.map((s) => digestSchedulerId(s.id)));
  let removed = 0;
  for (const scheduler of await queue.getJobSchedulers()) {
    const id = scheduler.key;
    if (id.startsWith(DIGEST_SCHEDULER_PREFIX) && id !== DIGEST_SYNC_SCHEDULER_ID && !installed.has(id)) {
      await queue.removeJobScheduler(id);
      removed += 1;
    }
  }
  return { scheduled, removed };
}
