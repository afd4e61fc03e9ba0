import { Worker } from "node:worker_threads";
import type { ClvCompute, ClvTask } from "~/clv/clv-compute";
import { log } from "~/logger.server";
import type { ClvThreadData, ClvThreadReply, ClvThreadRequest } from "./clv-thread";

export interface ClvThread extends ClvCompute {
  close(): Promise<void>;
}

/**
 * A fit can wait; webhooks and recomputes cannot. The thread runs below the worker's event loop and the
 * database's processes, so on a busy machine the fits take the CPU the rest leaves (decision 0047).
 */
export const CLV_THREAD_NICE = 10;

// The thread loads TypeScript as the worker does: through tsx, which `npm run worker` imports already.
const TSX = ["--import", "tsx"];

/**
 * The CLV arithmetic on one thread beside the worker's event loop (app/clv/clv-compute.ts says why).
 * Started on first use and kept, so a night of fits pays its start-up once; a thread that dies fails
 * the requests it held, and the next request starts a new one. It never keeps the process alive.
 */
export function createClvThread(): ClvThread {
  let thread: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  const failAll = (error: Error) => {
    for (const request of pending.values()) request.reject(error);
    pending.clear();
  };

  const start = (): Worker => {
    const execArgv = process.execArgv.join(" ").includes("tsx")
      ? process.execArgv
      : [...process.execArgv, ...TSX];
    const workerData: ClvThreadData = { nice: CLV_THREAD_NICE };
    const started = new Worker(new URL("./clv-thread.ts", import.meta.url), { execArgv, workerData });
    started.unref();
    started.on("message", (reply: ClvThreadReply) => {
      const request = pending.get(reply.id);
      if (!request) return;
      pending.delete(reply.id);
      if (reply.ok) request.resolve(reply.result);
      else request.reject(new Error(`clv thread: ${reply.error}`));
    });
    started.on("error", (error) => {
      log.error("clv thread failed", { error });
      failAll(error);
    });
    started.on("exit", (code) => {
      if (thread === started) thread = null;
      if (pending.size > 0) failAll(new Error(`clv thread exited (code ${code}) with requests pending`));
    });
    return started;
  };

  const call = <T>(task: ClvTask, args: unknown[]): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      thread ??= start();
      const id = nextId++;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      // The thread holds the process while it works, so a fit in progress is not cut short.
      thread.ref();
      try {
        thread.postMessage({ id, task, args } satisfies ClvThreadRequest);
      } catch (error) {
        // Arguments the thread cannot receive (not cloneable): this request fails, the thread stays.
        pending.delete(id);
        reject(error as Error);
      }
    }).finally(() => {
      if (pending.size === 0) thread?.unref();
    });

  return {
    chooseModel: (calibration, horizonDays) => call("chooseModel", [calibration, horizonDays]),
    fitAndPredict: (customers, ranking, options) => call("fitAndPredict", [customers, ranking, options]),
    async close() {
      const running = thread;
      thread = null;
      failAll(new Error("clv thread closed"));
      await running?.terminate();
    },
  };
}
