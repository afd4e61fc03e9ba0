import { AsyncLocalStorage } from "node:async_hooks";

/** Fields that every log line written inside a request or a job carries (request id, job id, queue). */
export type LogContext = Record<string, string | number | undefined>;

declare global {
  var __pulseLogContext: AsyncLocalStorage<LogContext> | undefined;
}

// One store per process: the Remix build bundles its own copy of this module beside the server's.
const storage = (globalThis.__pulseLogContext ??= new AsyncLocalStorage<LogContext>());

/** Runs `work` so that every line it logs, however deep and across awaits, carries `fields`. */
export function withLogContext<T>(fields: LogContext, work: () => T): T {
  return storage.run({ ...storage.getStore(), ...fields }, work);
}

/** The fields of the request or job this code runs for; undefined outside any. */
export function currentLogContext(): LogContext | undefined {
  return storage.getStore();
}

/** Runs `work` outside any request or job, for timers that outlive the code that started them. */
export function outsideLogContext<T>(work: () => T): T {
  return storage.exit(work);
}
