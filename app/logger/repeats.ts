/**
 * Bounds what an outage logs. While a database or Redis is down, the same error comes from every job,
 * poll and reconnect attempt; logging each would bury everything else. The first occurrence of a line
 * is written in full; further ones in the same window are only counted, and one summary per window says
 * how many there were. A key quiet for a whole window is forgotten, so its next occurrence is written in
 * full again. Distinct keys are capped too, so the lines per window stay bounded whatever fails.
 */
export interface RepeatSummary {
  key: string;
  /** How many lines were held back in the window that ended. */
  count: number;
  windowMs: number;
  /** The fields of the last held-back line, for the summary to name what it was. */
  last: RepeatedLine;
}

export interface RepeatedLine {
  level: "warn" | "error";
  msg: string;
  fields?: Record<string, unknown>;
}

interface Window {
  start: number;
  lastSeen: number;
  suppressed: number;
  last: RepeatedLine;
}

export const OVERFLOW_KEY = "(other repeated lines)";

export class RepeatFilter {
  private readonly windows = new Map<string, Window>();

  constructor(
    readonly windowMs = 10_000,
    readonly maxKeys = 50,
  ) {}

  get tracking(): number {
    return this.windows.size;
  }

  /** True: write the line now. False: it is counted toward its key's next summary. */
  admit(key: string, line: RepeatedLine, now: number): boolean {
    const seen = this.windows.get(key);
    if (seen) {
      seen.lastSeen = now;
      seen.suppressed += 1;
      seen.last = line;
      return false;
    }
    if (this.windows.size >= this.maxKeys) {
      const overflow = this.windows.get(OVERFLOW_KEY);
      if (overflow) {
        overflow.lastSeen = now;
        overflow.suppressed += 1;
        overflow.last = line;
      } else {
        this.windows.set(OVERFLOW_KEY, { start: now, lastSeen: now, suppressed: 1, last: line });
      }
      return false;
    }
    this.windows.set(key, { start: now, lastSeen: now, suppressed: 0, last: line });
    return true;
  }

  /** The summaries of windows that have ended; keys quiet for a whole window are forgotten. */
  due(now: number): RepeatSummary[] {
    const summaries: RepeatSummary[] = [];
    for (const [key, window] of this.windows) {
      if (now - window.start < this.windowMs) continue;
      if (window.suppressed > 0) {
        summaries.push({ key, count: window.suppressed, windowMs: now - window.start, last: window.last });
        window.start = now;
        window.suppressed = 0;
      } else if (now - window.lastSeen >= this.windowMs) {
        this.windows.delete(key);
      }
    }
    return summaries;
  }
}

/**
 * Lines repeat when they say the same thing about the same kind of error: level, message and the
 * error's name and message with numbers left out (ports, ids and durations differ between attempts).
 */
export function repeatKey(line: RepeatedLine): string {
  const error = firstError(line.fields);
  const about = error ? `${error.name}: ${error.message}` : "";
  return `${line.level}|${line.msg}|${about.replace(/\d+/g, "#").slice(0, 300)}`;
}

function firstError(fields: Record<string, unknown> | undefined): Error | undefined {
  if (!fields) return undefined;
  for (const value of Object.values(fields)) if (value instanceof Error) return value;
  return typeof fields.error === "string" ? new Error(fields.error) : undefined;
}
