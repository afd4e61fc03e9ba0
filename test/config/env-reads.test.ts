/**
 * Configuration is read in one place: app/env.server.ts validates every variable, so a typo or a bad value
 * is reported with its name instead of silently becoming a default somewhere else.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { databaseUrl, kpiProfileOn, logLevel, redisUrl } from "~/env.server";
import { ROOT, sourceFiles } from "../support/source-files";

const SCANNED = ["app", "workers"];

/** Files that may touch process.env, each with the reason. */
const ALLOWED: Record<string, string> = {
  "app/env.server.ts": "the validated environment itself",
};

// process.env, process["env"], and `const { env } = process` (optionally with spaces, comments aside).
const ENV_READ = /\bprocess\s*(?:\.\s*env\b|\[\s*["'`]env["'`]\s*\])|\{[^}]*\benv\b[^}]*\}\s*=\s*process\b/;

/** The lines of `text` that read the environment, comments left out. */
function envReads(text: string): string[] {
  const withoutComments = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
  return withoutComments.split("\n").filter((line) => ENV_READ.test(line));
}

describe("environment reads", () => {
  it("recognises the ways code reads the environment", () => {
    expect(envReads("const a = process.env.DATABASE_URL;")).toHaveLength(1);
    expect(envReads('const a = process["env"].LOG_LEVEL;')).toHaveLength(1);
    expect(envReads("const { env } = process;")).toHaveLength(1);
    expect(envReads("process.env.X = url;")).toHaveLength(1);
    expect(envReads("// process.env.X is read elsewhere\n/* process.env.Y */ const env = load();")).toEqual(
      [],
    );
  });

  it("happen only in app/env.server.ts under app/ and workers/", () => {
    const files = sourceFiles(...SCANNED);
    expect(files.length).toBeGreaterThan(50);
    const offenders = files
      .filter((file) => !(file in ALLOWED))
      .flatMap((file) =>
        envReads(readFileSync(path.join(ROOT, file), "utf8")).map((line) => `${file}: ${line.trim()}`),
      );
    expect(offenders).toEqual([]);
  });

  it("keeps the allow-list to files that exist", () => {
    const files = new Set(sourceFiles(...SCANNED));
    for (const file of Object.keys(ALLOWED)) expect(files.has(file), file).toBe(true);
  });
});

describe("single-variable readers", () => {
  it("validate with the rules of the full environment", () => {
    expect(databaseUrl({ DATABASE_URL: "postgres://db/pulse" })).toBe("postgres://db/pulse");
    expect(databaseUrl({})).toBeUndefined();
    expect(() => databaseUrl({ DATABASE_URL: "mysql://db/pulse" })).toThrow(
      "Invalid configuration: DATABASE_URL must be a URL starting with postgres:// or postgresql://",
    );
    expect(redisUrl({ REDIS_URL: "" })).toBeUndefined();
    expect(() => redisUrl({ REDIS_URL: "localhost:6379" })).toThrow(
      "Invalid configuration: REDIS_URL must be a URL",
    );
    expect(kpiProfileOn({ KPI_PROFILE: "1" })).toBe(true);
    expect(kpiProfileOn({})).toBe(false);
    expect(() => kpiProfileOn({ KPI_PROFILE: "on" })).toThrow(
      "Invalid configuration: KPI_PROFILE must be true or false",
    );
  });

  it("never make the logger throw: a bad LOG_LEVEL logs at info (start-up validation reports it)", () => {
    expect(logLevel({ LOG_LEVEL: "warn" })).toBe("warn");
    expect(logLevel({})).toBe("info");
    expect(logLevel({ LOG_LEVEL: "loud" })).toBe("info");
  });
});
