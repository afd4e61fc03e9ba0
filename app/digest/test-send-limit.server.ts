/**
 * Test digests are mail the app sends on a merchant's click, so they are bounded: only to the shop's own
 * recipients (see admin.server.ts), and at most TEST_DIGEST_LIMIT an hour per shop. The count lives in
 * the database, so every web process sees the same one.
 */
import type { PrismaClient } from "@prisma/client";

export const TEST_DIGEST_LIMIT = 5;
export const TEST_DIGEST_WINDOW_MS = 3_600_000;
/** Sends older than this are forgotten: they no longer count, and the address is personal data. */
const KEEP_MS = 24 * 3_600_000;

export type TestSendClaim = { ok: true } | { ok: false; retryAt: Date };

/**
 * Records one test send for the shop if the hourly limit allows it. Claims of the same shop queue on a
 * transaction lock, so two clicks at once cannot both take the last slot.
 */
export async function claimTestSend(
  prisma: PrismaClient,
  shopId: number,
  email: string,
  now: Date,
): Promise<TestSendClaim> {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('test-digest-send'), ${shopId})`;
    await tx.testDigestSend.deleteMany({
      where: { shopId, sentAt: { lt: new Date(now.getTime() - KEEP_MS) } },
    });
    const recent = await tx.testDigestSend.findMany({
      where: { shopId, sentAt: { gt: new Date(now.getTime() - TEST_DIGEST_WINDOW_MS) } },
      orderBy: { sentAt: "asc" },
      select: { sentAt: true },
    });
    if (recent.length >= TEST_DIGEST_LIMIT) {
      return {
        ok: false,
        retryAt: new Date(
          recent[recent.length - TEST_DIGEST_LIMIT]!.sentAt.getTime() + TEST_DIGEST_WINDOW_MS,
        ),
      };
    }
    await tx.testDigestSend.create({ data: { shopId, email, sentAt: now } });
    return { ok: true };
  });
}
