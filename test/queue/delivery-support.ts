import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import type { PrismaClient } from "@prisma/client";
import { expect } from "vitest";
import { sendWebhook } from "../../fake-shopify";
import { SHOP, simpleOrder } from "../support/shop-events";
import { TEST_API_KEY, TEST_API_SECRET } from "../support/web-app";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** One order delivery the intake acknowledged (or not). */
export interface Delivery {
  orderId: number;
  webhookId: string;
  status: number;
}

/** Sends `count` orders/create webhooks with consecutive order ids, `concurrency` at a time. */
export async function sendOrders(
  url: string,
  firstId: number,
  count: number,
  concurrency = 16,
): Promise<Delivery[]> {
  const deliveries: Delivery[] = [];
  let next = firstId;
  const end = firstId + count;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < end) {
        const orderId = next++;
        const webhookId = randomUUID();
        const status = await deliverLikeShopify(() =>
          sendWebhook({
            url: `${url}/webhooks`,
            topic: "orders/create",
            shopDomain: SHOP,
            secret: TEST_API_SECRET,
            webhookId,
            payload: simpleOrder(orderId),
          }),
        );
        deliveries.push({ orderId, webhookId, status });
      }
    }),
  );
  return deliveries;
}

/**
 * Shopify retries a delivery (same webhook id) that was refused for load or whose connection broke; so
 * does the test, or a busy machine would fail it for what Shopify takes in its stride. The last status
 * is returned (0: never answered).
 */
async function deliverLikeShopify(send: () => Promise<{ status: number }>, tries = 8): Promise<number> {
  let status = 0;
  for (let attempt = 1; attempt <= tries; attempt++) {
    try {
      status = (await send()).status;
      if (status !== 408 && status !== 429 && status < 500) return status;
    } catch {
      status = 0;
    }
    await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
  }
  return status;
}

/**
 * Polls until `done`, failing only when nothing observable changed for `idleMs`: a loaded machine makes
 * the wait longer, never makes it fail, while a real loss (nothing moves any more) still does.
 */
export async function waitWhileProgressing<T>(
  what: string,
  observe: () => Promise<T>,
  done: (state: T) => boolean,
  idleMs = 90_000,
): Promise<T> {
  let last = "";
  let lastChange = Date.now();
  for (;;) {
    const state = await observe();
    if (done(state)) return state;
    const key = JSON.stringify(state, (_, value: unknown) =>
      typeof value === "bigint" ? value.toString() : value,
    );
    if (key !== last) {
      last = key;
      lastChange = Date.now();
    } else if (Date.now() - lastChange > idleMs) {
      throw new Error(`no progress for ${idleMs / 1000} s waiting for ${what}; last seen ${key}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The inbox states of these deliveries, and how many of their orders are stored. */
export async function deliveryState(prisma: PrismaClient, deliveries: readonly Delivery[]) {
  const webhookIds = deliveries.map((delivery) => delivery.webhookId);
  const groups = await prisma.webhookEvent.groupBy({
    by: ["status"],
    where: { webhookId: { in: webhookIds } },
    _count: { _all: true },
  });
  const byStatus = Object.fromEntries(groups.map((group) => [group.status, group._count._all]));
  const orders = await prisma.order.count({
    where: { id: { in: deliveries.map((delivery) => BigInt(delivery.orderId)) } },
  });
  return {
    received: byStatus.received ?? 0,
    processed: byStatus.processed ?? 0,
    failed: byStatus.failed ?? 0,
    orders,
  };
}

/**
 * Waits until intake has handed every one of these deliveries to the queue (it enqueues after the 200,
 * so a delivery can be acknowledged before its job exists).
 */
export async function waitUntilHandedOff(prisma: PrismaClient, deliveries: readonly Delivery[]) {
  const webhookIds = deliveries.map((delivery) => delivery.webhookId);
  await waitWhileProgressing(
    `${deliveries.length} deliveries to be queued`,
    () => prisma.webhookEvent.count({ where: { webhookId: { in: webhookIds }, enqueuedAt: { not: null } } }),
    (queued) => queued === deliveries.length,
  );
}

/** Waits, while anything moves, until none of these deliveries is still `received`. */
export async function waitUntilSettled(
  prisma: PrismaClient,
  deliveries: readonly Delivery[],
  extra: () => Promise<unknown> = async () => null,
  idleMs?: number,
) {
  await waitWhileProgressing(
    `${deliveries.length} deliveries to settle`,
    async () => ({ ...(await deliveryState(prisma, deliveries)), extra: await extra() }),
    (state) => state.received === 0 && state.processed + state.failed === deliveries.length,
    idleMs,
  );
}

/**
 * The guarantee itself: every acknowledged delivery is stored and processed, exactly once (the inbox
 * counts one committed application per event), and its order is stored once; none is left waiting.
 */
export async function expectEachProcessedOnce(prisma: PrismaClient, deliveries: readonly Delivery[]) {
  expect(deliveries.filter((delivery) => delivery.status !== 200)).toEqual([]);
  const rows = await prisma.webhookEvent.findMany({
    where: { webhookId: { in: deliveries.map((delivery) => delivery.webhookId) } },
    select: { webhookId: true, status: true, attempts: true, error: true },
  });
  expect(rows).toHaveLength(deliveries.length);
  expect(rows.filter((row) => row.status !== "processed")).toEqual([]);
  expect(rows.filter((row) => row.attempts !== 1)).toEqual([]);
  const orders = await prisma.order.groupBy({
    by: ["id"],
    where: { id: { in: deliveries.map((delivery) => BigInt(delivery.orderId)) } },
    _count: { _all: true },
  });
  expect(orders).toHaveLength(deliveries.length);
  expect(orders.filter((order) => order._count._all !== 1)).toEqual([]);
}

/** A worker process of its own (node with tsx's loader, not the tsx wrapper) so SIGKILL really kills it. */
export function spawnWorker(databaseUrl: string, redisUrl: string | undefined): ChildProcess {
  return spawn(path.join(ROOT, "node_modules/.bin/node"), ["--import", "tsx", "workers/main.ts"], {
    cwd: ROOT,
    stdio: "ignore",
    env: {
      ...process.env,
      NODE_ENV: "test",
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl ?? "",
      SHOPIFY_API_KEY: TEST_API_KEY,
      SHOPIFY_API_SECRET: TEST_API_SECRET,
      WORKER_CONCURRENCY: "4",
      WORKER_LOCK_DURATION_MS: "1000",
      LOG_LEVEL: "error",
    },
  });
}

export async function killHard(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  await exited;
}

/** Processes that keep every core busy, as other tenants of a loaded machine do. */
export function startCpuHogs(count: number): { stop(): Promise<void> } {
  const hogs = Array.from({ length: count }, () =>
    spawn(process.execPath, ["-e", "for (;;) {}"], { stdio: "ignore" }),
  );
  return { stop: async () => void (await Promise.all(hogs.map(killHard))) };
}

/**
 * Producers fail fast while Redis is away (by design); retry until the client has reconnected. A call
 * caught mid-reconnect can stall, so each try has its own deadline.
 */
export async function whenReconnected<T>(call: () => Promise<T>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await Promise.race([
        call(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error("no answer within 1 s")), 1_000)),
      ]);
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
