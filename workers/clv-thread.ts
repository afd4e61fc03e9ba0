/**
 * Thread entry (workers/clv-thread.server.ts starts it): runs the CLV arithmetic it is asked for and
 * posts the result back, so the worker's event loop keeps serving every other job meanwhile.
 */
import os from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import { CLV_TASKS, type ClvTask } from "~/clv/clv-compute";

/** What the thread is started with (workers/clv-thread.server.ts). */
export interface ClvThreadData {
  /** This thread's nice value: on Linux it belongs to the thread that sets it, not to the process. */
  nice: number;
}

try {
  os.setPriority(0, (workerData as ClvThreadData).nice);
} catch {
  // Not permitted on this platform: the fits run at the worker's priority.
}

export interface ClvThreadRequest {
  id: number;
  task: ClvTask;
  args: unknown[];
}

export type ClvThreadReply =
  { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

parentPort?.on("message", ({ id, task, args }: ClvThreadRequest) => {
  let reply: ClvThreadReply;
  try {
    const run = CLV_TASKS[task] as (...input: unknown[]) => unknown;
    reply = { id, ok: true, result: run(...args) };
  } catch (error) {
    reply = { id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  parentPort!.postMessage(reply);
});
