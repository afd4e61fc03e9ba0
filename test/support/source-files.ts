import { readdirSync } from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");

/** The TypeScript/JavaScript sources under `dirs` (relative to the repository), as repository paths. */
export function sourceFiles(...dirs: string[]): string[] {
  return dirs.flatMap((dir) =>
    readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
      const relative = `${dir}/${entry.name}`;
      if (entry.isDirectory()) return sourceFiles(relative);
      return /\.(ts|tsx|js|jsx|mjs|cjs|mts|cts)$/.test(entry.name) ? [relative] : [];
    }),
  );
}
