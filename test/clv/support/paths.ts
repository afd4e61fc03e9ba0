import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const cdnowDir = path.join(repoRoot, "data/cdnow");
export const cdnowFile = (name: string): string => path.join(cdnowDir, name);
