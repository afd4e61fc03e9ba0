import { type LogLevel as Level, logLevel } from "./env.server";

const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LogFields = Record<string, unknown>;

function threshold(): number {
  return ORDER[logLevel()];
}

/** An Error keeps what explains it (JSON.stringify would give {}): name, message, stack and its cause. */
function serialisedError(error: Error): Record<string, unknown> {
  return {
    name: error.name,
    message: error.message,
    stack: error.stack,
    ...(error.cause !== undefined ? { cause: error.cause } : {}),
  };
}

function write(level: Level, message: string, fields?: LogFields) {
  if (ORDER[level] < threshold()) return;
  // One JSON object a line: greppable locally, parseable by any log shipper in production.
  const line = JSON.stringify(
    { time: new Date().toISOString(), level, msg: message, ...fields },
    (_key, value) =>
      typeof value === "bigint" ? value.toString() : value instanceof Error ? serialisedError(value) : value,
  );
  (level === "error" || level === "warn" ? process.stderr : process.stdout).write(`${line}\n`);
}

export const log = {
  debug: (message: string, fields?: LogFields) => write("debug", message, fields),
  info: (message: string, fields?: LogFields) => write("info", message, fields),
  warn: (message: string, fields?: LogFields) => write("warn", message, fields),
  error: (message: string, fields?: LogFields) => write("error", message, fields),
};
