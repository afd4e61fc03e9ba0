import type { PrismaClient } from "@prisma/client";
import type { Queues } from "~/jobs/producer.server";

export interface CheckResult {
  ok: boolean;
  ms: number;
  error?: string;
}

export interface Readiness {
  status: "ready" | "not ready" | "stopping";
  checks: { database: CheckResult; queue: CheckResult & { backend?: string } };
}

export interface ReadinessSources {
  prisma: () => PrismaClient;
  queues: () => Queues;
}

/** A probe answers within this long even when a dependency hangs instead of refusing. */
export const CHECK_TIMEOUT_MS = 2_000;

declare global {
  var __pulseStopping: boolean | undefined;
}

/** From now on /readyz answers 503, so load balancers stop sending work while the process drains. */
export function markStopping(): void {
  globalThis.__pulseStopping = true;
}

/**
 * Whether this process can do its work: the database answers a trivial query and the queue backend
 * (Redis, or BullMQ's tables in PostgreSQL) answers a count. Both run at once, each with a deadline.
 */
export async function readiness(sources: ReadinessSources): Promise<Readiness> {
  const [database, queue] = await Promise.all([
    check(async () => {
      await sources.prisma().$queryRaw`SELECT 1`;
    }),
    check(async () => {
      await sources.queues().ingest.getJobCounts("waiting");
    }),
  ]);
  const checks = { database, queue: { ...queue, backend: safeKind(sources) } };
  if (globalThis.__pulseStopping) return { status: "stopping", checks };
  return { status: database.ok && queue.ok ? "ready" : "not ready", checks };
}

function safeKind(sources: ReadinessSources): string | undefined {
  try {
    return sources.queues().backend.kind;
  } catch {
    return undefined;
  }
}

async function check(probe: () => Promise<void>): Promise<CheckResult> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      probe(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)),
          CHECK_TIMEOUT_MS,
        );
      }),
    ]);
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (error) {
    return {
      ok: false,
      ms: Math.round(performance.now() - started),
      error: error instanceof Error ? `${error.name}: ${error.message}` : "failed",
    };
  } finally {
    clearTimeout(timer);
  }
}
