import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parse, validate, type GraphQLSchema } from "graphql";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { BULK_QUERIES, PAGE_QUERIES } from "~/sync/wire/admin-queries";
import { API_VERSION } from "~/shopify.server";
import { ADMIN_SCHEMA_VERSION, loadShopifyAdminSchema } from "../../graphql/admin-schema";

/**
 * Every Admin GraphQL document the app sends is a `#graphql` template literal under app/, exported by its
 * module (as Shopify's app template writes them). This file finds them all and validates each against
 * Shopify's published schema of the pinned version, not against the fake Admin API, which could share
 * our mistakes.
 */

const root = path.resolve(import.meta.dirname, "../..");
const TAG = "#graphql";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

interface Literal {
  file: string;
  line: number;
  /** The literal's text; for a template with `${…}`, the text before the first substitution. */
  text: string;
  complete: boolean;
}

function literalsOf(file: string): Literal[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const found: Literal[] = [];
  const visit = (node: ts.Node) => {
    const line = () => source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))
      found.push({ file, line: line(), text: node.text, complete: true });
    else if (ts.isTemplateExpression(node))
      found.push({ file, line: line(), text: node.head.text, complete: false });
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const tagged = (text: string) => text.trimStart().startsWith(TAG);
/** An operation or fragment written without the tag, which this test could not find. */
const looksLikeDocument = (text: string) =>
  /^\s*(query|mutation|subscription)\s+[A-Za-z_]\w*\s*[({@]/.test(text) ||
  /^\s*(query|mutation|subscription)\s*[({]/.test(text) ||
  /^\s*fragment\s+\w+\s+on\s+\w+/.test(text);

/** Strings starting with the tag among a module's exports, looking into plain objects and arrays. */
function documentsIn(value: unknown, name: string, depth = 0): { name: string; source: string }[] {
  if (typeof value === "string") return tagged(value) ? [{ name, source: value }] : [];
  if (depth > 2 || value === null || typeof value !== "object") return [];
  if (!Array.isArray(value) && Object.getPrototypeOf(value) !== Object.prototype) return [];
  return Object.entries(value).flatMap(([key, item]) => documentsIn(item, `${name}.${key}`, depth + 1));
}

const appFiles = sourceFiles(path.join(root, "app"));
const literals = appFiles.flatMap(literalsOf);
const where = (literal: Literal) => `${path.relative(root, literal.file)}:${literal.line}`;

// A tagged literal without holes is read straight from the source, wherever it is written. A template
// with `${…}` holes, or a document a module builds from its literals, is complete only once the module
// has run, so those modules' exported documents are read too.
const taggedLiterals = literals.filter((l) => tagged(l.text));
const modulesWithDocuments = [...new Set(taggedLiterals.map((l) => l.file))];
const exported = (
  await Promise.all(
    modulesWithDocuments.map(async (file) => {
      const exports = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
      return Object.entries(exports).flatMap(([name, value]) =>
        documentsIn(value, `${path.relative(root, file)} ${name}`),
      );
    }),
  )
).flat();
const operationName = (source: string) =>
  /\b(?:query|mutation)\s+(\w+)/.exec(source)?.[1] ?? "anonymous query";
const written = taggedLiterals
  .filter((l) => l.complete)
  .map((l) => ({ name: `${operationName(l.text)} (${where(l)})`, source: l.text }));
const documents = [...written, ...exported.filter((d) => !written.some((w) => w.source === d.source))];

let shopify: GraphQLSchema;
beforeAll(() => {
  shopify = loadShopifyAdminSchema();
});

describe("the app's Admin GraphQL documents", () => {
  it("are all tagged, so this test finds them", () => {
    const untagged = literals.filter((l) => !tagged(l.text) && looksLikeDocument(l.text)).map(where);
    expect(untagged).toEqual([]);
  });

  it("are exported by their modules when built from parts, so this test can read them", () => {
    const unexported = taggedLiterals
      .filter((l) => !l.complete && !exported.some((d) => d.source.startsWith(l.text)))
      .map(where);
    expect(unexported).toEqual([]);
    expect(documents.map((d) => d.source)).toEqual(
      expect.arrayContaining([PAGE_QUERIES.checkouts, BULK_QUERIES.orders]),
    );
  });

  it("are checked against the schema of the Admin API version the app pins", () => {
    expect(ADMIN_SCHEMA_VERSION).toBe(API_VERSION);
  });

  it.each(documents.map((d) => [d.name, d.source] as const))(
    "%s validates against Shopify's Admin schema",
    (_name, source) => {
      const errors = validate(shopify, parse(source)).map((error) => error.message);
      expect(errors).toEqual([]);
    },
  );
});
