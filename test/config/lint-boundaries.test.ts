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
    const fromApp = 'import { queues } from "~/jobs/producer.server";\nexport const q = queues;\n';
    expect(await lint("app/pages/boundary-probe.server.ts", fromApp)).toEqual([]);
    const fromWorkers = 'import { ingestJob } from "~/jobs/ingest.job";\nexport const c = ingestJob;\n';
    expect(await lint("workers/boundary-probe.processor.ts", fromWorkers)).toEqual([]);
  });

  it("inside app/, imports go routes → pages → domain → platform, never upwards", async () => {
    const domainImportingPage =
      'import { loadDashboard } from "~/pages/dashboard.server";\nexport const f = loadDashboard;\n';
    expect(await lint("app/kpi/probe.ts", domainImportingPage)).toEqual([{ rule: "pulse/layers", line: 1 }]);
    const platformImportingDomain =
      'import { recompute } from "~/kpi-engine/recompute.server";\nexport const f = recompute;\n';
    expect(await lint("app/db/probe.server.ts", platformImportingDomain)).toEqual([
      { rule: "pulse/layers", line: 1 },
    ]);
    const pageImportingRoute = 'export const later = () => import("~/routes/app.settings");\n';
    expect(await lint("app/pages/probe.server.ts", pageImportingRoute)).toEqual([
      { rule: "pulse/layers", line: 1 },
    ]);
    const downwards = [
      'import { loadDashboard } from "~/pages/dashboard.server";',
      'import { recompute } from "~/kpi-engine/recompute.server";',
      'import { prisma } from "~/db.server";',
      "export const all = [loadDashboard, recompute, prisma];",
    ].join("\n");
    expect(await lint("app/routes/probe.tsx", downwards)).toEqual([]);
  });
});

describe("import style", () => {
  it("app/ modules are imported by ~/ across folders and by ./ within a folder", async () => {
    const code = [
      'import { prisma } from "../db.server";',
      'import { env } from "../../app/env.server";',
      'import { sibling } from "./sibling";',
      'import { ok } from "~/kpi/money";',
      "export const all = [prisma, env, sibling, ok];",
    ].join("\n");
    expect(await lint("app/kpi/probe.ts", code)).toEqual([
      { rule: "pulse/import-style", line: 1 },
      { rule: "pulse/import-style", line: 2 },
    ]);
    const fromTest = 'import { prisma } from "../../app/db.server";\nexport const p = prisma;\n';
    expect(await lint("test/kpi/probe.test.ts", fromTest)).toEqual([{ rule: "pulse/import-style", line: 1 }]);
  });
});
