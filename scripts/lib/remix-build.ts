import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");
export const BUILD_DIR = path.join(ROOT, "build");

function newestSourceMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds the Remix app (a few seconds) unless build/ is newer than every source it is made from. */
export function ensureRemixBuild(): void {
  const marker = path.join(BUILD_DIR, "server/index.js");
  const sources = ["app", "workers"].map((dir) => newestSourceMtime(path.join(ROOT, dir)));
  const configMtime = fs.statSync(path.join(ROOT, "vite.config.ts")).mtimeMs;
  if (fs.existsSync(marker) && fs.statSync(marker).mtimeMs > Math.max(...sources, configMtime)) return;
  try {
    execFileSync(path.join(ROOT, "node_modules/.bin/remix"), ["vite:build"], {
      cwd: ROOT,
      stdio: "pipe",
      encoding: "utf8",
    });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? "";
    throw new Error(`remix vite:build failed:\n${stderr.split("\n").slice(-15).join("\n")}`);
  }
}
