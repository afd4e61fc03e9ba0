export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+-?\d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(?:,|$)/y;
const TYPES = new Set(["counter", "gauge", "histogram", "summary", "untyped"]);

/**
 * Parses Prometheus's text exposition format (version 0.0.4), strictly: a line that is not a comment,
 * a HELP, a TYPE or a well-formed sample throws, and so does a sample of a family with no TYPE.
 */
export function parsePrometheusText(text: string): Sample[] {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  text.split("\n").forEach((line, index) => {
    const fail = (why: string) => {
      throw new Error(`line ${index + 1} ${why}: ${line}`);
    };
    if (line === "") return;
    if (line.startsWith("#")) {
      const [, keyword, name, rest] = /^#\s+(\S+)\s+(\S+)\s*(.*)$/.exec(line) ?? [];
      if (keyword === "TYPE") {
        if (!NAME.test(name ?? "") || !TYPES.has(rest ?? "")) fail("is not a valid TYPE");
        types.set(name!, rest!);
      } else if (keyword === "HELP" && !NAME.test(name ?? "")) fail("is not a valid HELP");
      return;
    }
    const match = SAMPLE.exec(line);
    if (!match) return fail("is not a sample");
    const [, name, labelText, valueText] = match;
    const labels: Record<string, string> = {};
    if (labelText) {
      LABEL.lastIndex = 0;
      let consumed = 0;
      for (let label = LABEL.exec(labelText); label; label = LABEL.exec(labelText)) {
        labels[label[1]!] = label[2]!.replace(/\\n/g, "\n").replace(/\\(["\\])/g, "$1");
        consumed = LABEL.lastIndex;
      }
      if (consumed !== labelText.length) fail("has malformed labels");
    }
    const value = parseSampleValue(valueText!);
    if (value === undefined) return fail("has a value that is not a number");
    const family = name!.replace(/_(bucket|sum|count|total|created)$/, "");
    if (!types.has(name!) && !types.has(family)) fail("belongs to no TYPE");
    samples.push({ name: name!, labels, value });
  });
  return samples;
}

/**
 * Prometheus reads values with Go's ParseFloat, which takes NaN and Inf in any case; prom-client
 * writes "Nan" for a mean of no samples (the event-loop lag right after start), so this must too.
 */
function parseSampleValue(text: string): number | undefined {
  const special = /^([+-]?)(inf|infinity|nan)$/i.exec(text);
  if (special) return special[2]!.toLowerCase() === "nan" ? NaN : special[1] === "-" ? -Infinity : Infinity;
  const value = Number(text);
  return Number.isNaN(value) || text.trim() === "" ? undefined : value;
}

/** The value of the one sample named `name` whose labels include `labels`; undefined if none. */
export function sampleValue(samples: Sample[], name: string, labels: Record<string, string> = {}) {
  return samples.find(
    (sample) =>
      sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
  )?.value;
}
