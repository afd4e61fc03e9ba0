/**
 * Shops in Asia/Tokyo and America/Los_Angeles get their digest on Monday 08:00 local time, across DST
 * changes: the next-run instants BullMQ computes for our scheduler (its own getNextMillis and a real
 * job scheduler), and the week each run reports on.
 */
import { getNextMillis } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lastCompleteWeek } from "~/digest/digest-week";
import { toLocal } from "~/kpi/calendar/zone";
import { isoWeekday } from "~/kpi/calendar/civil-date";
import { DIGEST_QUEUE, digestCron, type DigestJob } from "~/jobs/digest.job";
import { syncDigestSchedule } from "~/jobs/digest-schedule.server";
import type { AppQueue } from "~/jobs/queue-backend.server";
import { createQueueBackend } from "~/jobs/queue-backend.server";
import { createTestDatabase, type TestDatabase } from "../support/database";

function runsFrom(start: string, pattern: string, tz: string, count: number): string[] {
  const runs: string[] = [];
  let millis = Date.parse(start);
  for (let i = 0; i < count; i += 1) {
    millis = getNextMillis(millis, { pattern, tz })!;
    runs.push(new Date(millis).toISOString());
  }
  return runs;
}

const mondayEight = (iso: string, tz: string) => {
  const local = toLocal(new Date(iso), tz);
  return isoWeekday(local) === 1 && local.hour === 8 && local.minute === 0;
};

describe("digest schedule in the shop's time zone", () => {
  it("writes ISO weekday and hour as cron fields (Sunday is 0)", () => {
    expect(digestCron(1, 8)).toBe("0 8 * * 1");
    expect(digestCron(7, 20)).toBe("0 20 * * 0");
  });

  it("Los Angeles: Monday 08:00 local before and after the spring and autumn DST changes", () => {
    const spring = runsFrom("2027-03-01T00:00:00Z", digestCron(1, 8), "America/Los_Angeles", 4);
    // DST starts on Sunday 14 March 2027: 08:00 PST is 16:00 UTC, 08:00 PDT is 15:00 UTC.
    expect(spring).toEqual([
      "2027-03-01T16:00:00.000Z",
      "2027-03-08T16:00:00.000Z",
      "2027-03-15T15:00:00.000Z",
      "2027-03-22T15:00:00.000Z",
    ]);
    const autumn = runsFrom("2026-10-20T00:00:00Z", digestCron(1, 8), "America/Los_Angeles", 2);
    // DST ends on Sunday 1 November 2026.
    expect(autumn).toEqual(["2026-10-26T15:00:00.000Z", "2026-11-02T16:00:00.000Z"]);
    for (const run of [...spring, ...autumn]) expect(mondayEight(run, "America/Los_Angeles")).toBe(true);
  });

  it("Tokyo: Monday 08:00 JST (Sunday 23:00 UTC) on the same weeks, unaffected by other zones' DST", () => {
    const runs = runsFrom("2027-03-01T00:00:00Z", digestCron(1, 8), "Asia/Tokyo", 3);
    expect(runs).toEqual([
      "2027-03-07T23:00:00.000Z",
      "2027-03-14T23:00:00.000Z",
      "2027-03-21T23:00:00.000Z",
    ]);
    for (const run of runs) expect(mondayEight(run, "Asia/Tokyo")).toBe(true);
  });

  it("each run reports the local ISO week just ended, a short week across DST included", () => {
    const la = lastCompleteWeek(new Date("2027-03-15T15:00:00Z"), "America/Los_Angeles");
    expect(la.label).toBe("2027-W10");
    expect([la.start.toISOString(), la.end.toISOString()]).toEqual([
      "2027-03-08T08:00:00.000Z",
      "2027-03-15T07:00:00.000Z",
    ]);
    const tokyo = lastCompleteWeek(new Date("2027-03-14T23:00:00Z"), "Asia/Tokyo");
    expect(tokyo.label).toBe("2027-W10");
    expect([tokyo.start.toISOString(), tokyo.end.toISOString()]).toEqual([
      "2027-03-07T15:00:00.000Z",
      "2027-03-14T15:00:00.000Z",
    ]);
    // Sunday evening in Tokyo is still inside W10 there: the week reported is W09.
    expect(lastCompleteWeek(new Date("2027-03-14T10:00:00Z"), "Asia/Tokyo").label).toBe("2027-W09");
  });

  describe("real job schedulers (BullMQ on PostgreSQL)", () => {
    let database: TestDatabase;
    let queue: AppQueue<DigestJob>;

    beforeAll(async () => {
      database = await createTestDatabase();
      queue = createQueueBackend({ databaseUrl: database.url }).queue<DigestJob>(DIGEST_QUEUE);
    });
    afterAll(async () => {
      await queue.close();
      await database.drop();
    });

    it("schedules each shop at Monday 08:00 in its zone, follows settings, and removes it when off or uninstalled", async () => {
      const prisma = database.prisma;
      const tokyo = await prisma.shop.create({
        data: { domain: "tokyo.myshopify.com", timezone: "Asia/Tokyo" },
      });
      const la = await prisma.shop.create({
        data: { domain: "la.myshopify.com", timezone: "America/Los_Angeles" },
      });
      for (const shop of [tokyo, la]) {
        expect(await syncDigestSchedule(shop.id, { prisma, queue })).toEqual({
          pattern: "0 8 * * 1",
          tz: shop.timezone,
        });
        const scheduler = await queue.getJobScheduler(`digest-${shop.id}`);
        expect(scheduler).toMatchObject({ pattern: "0 8 * * 1", tz: shop.timezone });
        expect(mondayEight(new Date(scheduler!.next!).toISOString(), shop.timezone)).toBe(true);
      }

      await prisma.shopSettings.create({ data: { shopId: la.id, digestWeekday: 5, digestHour: 17 } });
      expect(await syncDigestSchedule(la.id, { prisma, queue })).toEqual({
        pattern: "0 17 * * 5",
        tz: "America/Los_Angeles",
      });
      const next = toLocal(
        new Date((await queue.getJobScheduler(`digest-${la.id}`))!.next!),
        "America/Los_Angeles",
      );
      expect([isoWeekday(next), next.hour]).toEqual([5, 17]);

      await prisma.shopSettings.update({ where: { shopId: la.id }, data: { digestEnabled: false } });
      await prisma.shop.update({ where: { id: tokyo.id }, data: { state: "uninstalled" } });
      expect(await syncDigestSchedule(la.id, { prisma, queue })).toBeNull();
      expect(await syncDigestSchedule(tokyo.id, { prisma, queue })).toBeNull();
      expect(await queue.getJobScheduler(`digest-${la.id}`)).toBeFalsy();
      expect(await queue.getJobScheduler(`digest-${tokyo.id}`)).toBeFalsy();
    });
  });
});
