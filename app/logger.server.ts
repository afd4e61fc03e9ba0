import { pino, multistream, stdTimeFunctions } from "pino";
import { type LogLevel as Level, logFormat, logLevel } from "./env.server";
import { currentLogContext, outsideLogContext, withLogContext } from "~/logger/context.server";
import { plainFields } from "~/logger/plain-fields";
import { prettyLine } from "~/logger/pretty";
import { RepeatFilter, repeatKey, type RepeatedLine } from "~/logger/repeats";

export { withLogContext };

const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LogFields = Record<string, unknown>;

/** Writes through process.stdout/stderr at write time (tests replace them), pretty only when asked. */
function destination(stream: () => NodeJS.WriteStream) {
  return {
    write(line: string) {
      stream().write(logFormat() === "pretty" ? prettyLine(line, stream().isTTY === true) : line);
    },
  };
}

// One JSON object a line: greppable locally, parseable by any log shipper in production. Errors go to
// stderr, the rest to stdout, as before pino.
const logger = pino(
  {
    level: "debug",
    base: { pid: process.pid },
    timestamp: stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }), log: plainFields },
    // A fresh object: pino merges the line's fields into what this returns.
    mixin: () => ({ ...currentLogContext() }),
  },
  multistream(
    [
      { level: "debug", stream: destination(() => process.stdout) },
      { level: "warn", stream: destination(() => process.stderr) },
    ],
    { dedupe: true },
  ),
);

const repeats = new RepeatFilter();
let flushTimer: NodeJS.Timeout | undefined;

/** Writes the summaries of held-back repeats once their window ends; stops when nothing is held. */
function scheduleRepeatSummaries() {
  // Started outside the current request or job, whose ids the summaries must not carry.
  flushTimer ??= outsideLogContext(() => setInterval(flushRepeatSummaries, 1_000).unref());
}

function flushRepeatSummaries() {
  for (const summary of repeats.due(Date.now())) {
    const { level, msg, fields } = summary.last;
    logger[level](
      {
        ...pick(fields, ["queue", "error"]),
        repeated: summary.count,
        repeatedOverSeconds: Math.round(summary.windowMs / 1000),
      },
      `${msg} (repeated)`,
    );
  }
  if (repeats.tracking === 0) {
    clearInterval(flushTimer);
    flushTimer = undefined;
  }
}

function pick(fields: LogFields | undefined, keys: string[]): LogFields {
  const picked: LogFields = {};
  for (const key of keys) {
    const value = fields?.[key];
    // The summary names the error; its stack was in the first line already.
    if (value !== undefined) picked[key] = value instanceof Error ? `${value.name}: ${value.message}` : value;
  }
  return picked;
}

function write(level: Level, message: string, fields?: LogFields) {
  if (ORDER[level] < ORDER[logLevel()]) return;
  if (level === "warn" || level === "error") {
    const line: RepeatedLine = { level, msg: message, fields };
    if (!repeats.admit(repeatKey(line), line, Date.now())) return;
    scheduleRepeatSummaries();
  }
  logger[level](fields ?? {}, message);
}

export const log = {
  debug: (message: string, fields?: LogFields) => write("debug", message, fields),
  info: (message: string, fields?: LogFields) => write("info", message, fields),
  warn: (message: string, fields?: LogFields) => write("warn", message, fields),
  error: (message: string, fields?: LogFields) => write("error", message, fields),
};

/**
 * For entry points: a crash is logged as one line like any other error (Node would print a multi-line
 * trace), then the process exits as Node would.
 */
export function logFatalErrors(): void {
  process.on("uncaughtException", (error) => {
    logger.fatal({ error: plainFields({ error }).error }, "uncaught exception");
    process.exit(1);
  });
  process.on("unhandledRejection", (reason) => {
    logger.fatal({ error: plainFields({ error: reason }).error }, "unhandled promise rejection");
    process.exit(1);
  });
}
