/**
 * `npm run build:extensions`: bundles each admin UI extension under extensions/ (the module its
 * shopify.extension.toml targets) with esbuild, offline, into extensions/<name>/dist/. Shopify CLI does
 * its own build on `shopify app deploy`; this one proves the extension compiles and stays small here.
 */
import fs from "node:fs";
import path from "node:path";
import { build } from "esbuild";

/** Shopify's limit for a UI extension's compiled script. */
export const EXTENSION_SIZE_LIMIT_BYTES = 64 * 1024;

export interface BuiltExtension {
  name: string;
  outfile: string;
  bytes: number;
}

const root = path.resolve(import.meta.dirname, "..");

export async function buildExtensions(outDir?: (name: string) => string): Promise<BuiltExtension[]> {
  const dir = path.join(root, "extensions");
  const built: BuiltExtension[] = [];
  for (const name of fs.readdirSync(dir).sort()) {
    const toml = path.join(dir, name, "shopify.extension.toml");
    if (!fs.existsSync(toml)) continue;
    const modules = [...fs.readFileSync(toml, "utf8").matchAll(/^\s*module\s*=\s*"([^"]+)"/gm)].map(
      (m) => m[1]!,
    );
    for (const module of modules) {
      const outfile = path.join(outDir?.(name) ?? path.join(dir, name, "dist"), `${name}.js`);
      await build({
        entryPoints: [path.join(dir, name, module)],
        outfile,
        bundle: true,
        format: "esm",
        target: "es2020",
        minify: true,
        // The extensions' own JSX settings (Preact), not the app's tsconfig (React).
        tsconfig: path.join(dir, "tsconfig.build.json"),
        jsx: "automatic",
        jsxImportSource: "preact",
        logLevel: "warning",
      });
      built.push({ name, outfile, bytes: fs.statSync(outfile).size });
    }
  }
  return built;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  for (const extension of await buildExtensions()) {
    console.log(`${extension.name}: ${path.relative(root, extension.outfile)} (${extension.bytes} bytes)`);
    if (extension.bytes > EXTENSION_SIZE_LIMIT_BYTES) {
      console.error(`${extension.name} is over Shopify's ${EXTENSION_SIZE_LIMIT_BYTES}-byte limit`);
      process.exitCode = 1;
    }
  }
}
