/**
 * LOG_FORMAT=pretty: a JSON log line as a short line for a person at a terminal (the demo, local runs),
 * with an error's stack below it. Never for production, where one JSON object a line is what shippers parse.
 */
const LEVEL_COLOURS: Record<string, string> = {
  debug: "\x1b[90m",
  info: "\x1b[36m",
  warn: "\x1b[33m",
  error: "\x1b[31m",
};
const RESET = "\x1b[0m";
const HIDDEN = new Set(["level", "time", "msg", "pid", "hostname"]);

export function prettyLine(jsonLine: string, colour = true): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(jsonLine) as Record<string, unknown>;
  } catch {
    return jsonLine;
  }
  const level = String(entry.level ?? "info");
  const time = typeof entry.time === "string" ? entry.time.slice(11, 23) : "";
  const tag = colour ? `${LEVEL_COLOURS[level] ?? ""}${level.toUpperCase().padEnd(5)}${RESET}` : level;
  const stacks: string[] = [];
  const fields = Object.entries(entry)
    .filter(([key]) => !HIDDEN.has(key))
    .map(([key, value]) => {
      if (isError(value)) {
        if (typeof value.stack === "string") stacks.push(value.stack);
        return `${key}=${JSON.stringify(`${String(value.name)}: ${String(value.message)}`)}`;
      }
      return `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`;
    });
  const head = [time, tag, String(entry.msg ?? ""), ...fields].filter((part) => part !== "").join(" ");
  return `${[head, ...stacks.map((stack) => stack.replace(/^/gm, "    "))].join("\n")}\n`;
}

function isError(value: unknown): value is { name: unknown; message: unknown; stack?: unknown } {
  return typeof value === "object" && value !== null && "message" in value && "stack" in value;
}
