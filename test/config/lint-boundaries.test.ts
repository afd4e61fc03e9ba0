import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Lints `code` with the project's own eslint.config.js as if it were the file at `file` (nothing is written). */
async function lint(file: string, code: string) {
  const eslint = new ESLint({ cwd: ROOT });
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result!.messages.map((m) => ({ rule: m.ruleId, line: m.line }));
}

describe("import boundaries", () => {
  it("app/ may not import workers/, statically, by re-export, as a type or dynamically", async () => {
    const code = [
      'import { startWorkers } from "../../workers/worker.server";',
      'import type { IngestProcessorDeps } from "../../workers/ingest.processor";',
      'export { createDigestProcessor } from "../../workers/digest.processor";',
      'export const later = () => import("../../workers/main");',
      "export const used: [unknown, IngestProcessorDeps | undefined] = [startWorkers, undefined];",
    ].join("\n");
    const messages = await lint("app/pages/boundary-probe.server.ts", code);
    expect(messages).toEqual([
      { rule: "no-restricted-imports", line: 1 },
      { rule: "no-restricted-imports", line: 2 },
      { rule: "no-restricted-imports", line: 3 },
      { rule: "no-restricted-syntax", line: 4 },
    ]);
  });

  it("app/ may import its job contracts and producer, and workers/ may import app/", async () => {
    const fromApp = 'import { queues } from "../jobs/producer.server";\nexport const q = queues;\n';
    expect(await lint("app/pages/boundary-probe.server.ts", fromApp)).toEqual([]);
    const fromWorkers = 'import { ingestJob } from "../app/jobs/ingest.job";\nexport const c = ingestJob;\n';
    expect(await lint("workers/boundary-probe.processor.ts", fromWorkers)).toEqual([]);
  });
});
