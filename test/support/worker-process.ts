import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { TEST_API_KEY, TEST_API_SECRET } from "./web-app";

const ROOT = path.resolve(import.meta.dirname, "../..");

export interface WorkerProcess {
  child: ChildProcess;
  /** Every line the worker wrote, stdout and stderr, in arrival order. */
  lines: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The real worker process (`npm run worker`'s entry), its output captured line by line. */
export function spawnWorkerProcess(env: {
  databaseUrl: string;
  redisUrl?: string;
  extra?: Record<string, string>;
}): WorkerProcess {
  // node with tsx's loader, not the tsx wrapper: signals reach the worker itself.
  const child = spawn(path.join(ROOT, "node_modules/.bin/node"), ["--import", "tsx", "workers/main.ts"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "test",
      DATABASE_URL: env.databaseUrl,
      REDIS_URL: env.redisUrl ?? "",
      SHOPIFY_API_KEY: TEST_API_KEY,
      SHOPIFY_API_SECRET: TEST_API_SECRET,
      WORKER_CONCURRENCY: "2",
      LOG_LEVEL: "info",
      LOG_FORMAT: "json",
      ...env.extra,
    },
  });
  const lines: string[] = [];
  for (const stream of [child.stdout!, child.stderr!]) {
    let rest = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
      const parts = (rest + chunk).split("\n");
      rest = parts.pop()!;
      lines.push(...parts.filter((line) => line !== ""));
    });
  }
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return { child, lines, exited };
}

/** Polls until `check` holds (a condition, never a timing, is what tests assert). */
export async function waitUntil(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
