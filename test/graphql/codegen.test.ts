import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { GENERATED_FILE } from "../../graphql/codegen";

const root = path.resolve(import.meta.dirname, "../..");
const scratch = mkdtempSync(path.join(tmpdir(), "pulse-codegen-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

it("app/types/admin.generated.ts is what `npm run graphql:codegen` makes of today's documents", () => {
  const out = path.join(scratch, "admin.generated.ts");
  const cli = path.join(root, "node_modules/@graphql-codegen/cli/esm/bin.js");
  execFileSync(process.execPath, ["--import", "tsx", cli, "--config", "graphql/codegen.ts", "--silent"], {
    cwd: root,
    env: { ...process.env, GRAPHQL_CODEGEN_OUT: out },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const committed = readFileSync(path.join(root, GENERATED_FILE), "utf8");
  expect(
    readFileSync(out, "utf8"),
    "run `npm run graphql:codegen` and commit app/types/admin.generated.ts",
  ).toBe(committed);
}, 120_000);
