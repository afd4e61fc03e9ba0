/**
 * Reconciliation schedulers live in the queue backend. A worker starting on a new or emptied backend must
 * give every shop whose import has ended its daily scheduler back, in the shop's time zone, and drop
 * the schedulers of shops no longer installed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createQueues, type Queues } from "~/jobs/producer.server";
import { reconcileSchedulerId } from "~/jobs/reconcile.job";
import { syncAllReconcileSchedules } from "~/jobs/reconcile-schedule.server";
import { createTestDatabase, type TestDatabase } from "../support/database";

describe("reconciliation schedulers follow the database", () => {
  let database: TestDatabase;
  let queues: Queues;
  const ids: Record<"imported" | "importing" | "uninstalled" | "neverImported", number> = {
    imported: 0,
    importing: 0,
    uninstalled: 0,
    neverImported: 0,
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    queues = createQueues({ databaseUrl: database.url });
    const shop = (domain: string, state: "installed" | "uninstalled", timezone = "UTC") =>
      database.prisma.shop.create({ data: { domain: `${domain}.myshopify.com`, state, timezone } });
    const sync = (shopId: number, resource: string, finished: boolean) =>
      database.prisma.syncState.create({
        data: {
          shopId,
          resource,
          status: finished ? "completed" : "running",
          finishedAt: finished ? new Date() : null,
        },
      });
    ids.imported = (await shop("imported", "installed", "Europe/Warsaw")).id;
    for (const resource of ["customers", "orders", "checkouts"]) await sync(ids.imported, resource, true);
    ids.importing = (await shop("importing", "installed")).id;
    await sync(ids.importing, "customers", true);
    await sync(ids.importing, "orders", false);
    ids.uninstalled = (await shop("uninstalled", "uninstalled")).id;
    await sync(ids.uninstalled, "orders", true);
    ids.neverImported = (await shop("never-imported", "installed")).id;
    // Left over: the uninstalled shop's scheduler, and a reinstalled shop's from before its new import.
    await queues.scheduleReconcile(ids.uninstalled, "UTC");
    await queues.scheduleReconcile(ids.importing, "UTC");
  });
  afterAll(async () => {
    await queues?.close();
    await database?.drop();
  });

  const schedulerKeys = async () =>
    (await queues.reconcile.getJobSchedulers()).map((scheduler) => scheduler.key).sort();

  it("schedules shops whose import ended, in their time zone, and removes uninstalled shops'", async () => {
    expect(await syncAllReconcileSchedules(database.prisma, queues)).toEqual({ scheduled: 1, removed: 1 });
    expect(await schedulerKeys()).toEqual(
      [reconcileSchedulerId(ids.imported), reconcileSchedulerId(ids.importing)].sort(),
    );
    const scheduler = await queues.reconcile.getJobScheduler(reconcileSchedulerId(ids.imported));
    expect(scheduler?.tz).toBe("Europe/Warsaw");
  });

  it("is idempotent", async () => {
    expect(await syncAllReconcileSchedules(database.prisma, queues)).toEqual({ scheduled: 1, removed: 0 });
    expect(await schedulerKeys()).toHaveLength(2);
  });
});
