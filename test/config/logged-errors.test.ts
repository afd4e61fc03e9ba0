/**
 * A warning or error is logged with the Error itself: the logger keeps its name, message, stack and cause,
 * while `error.message`, `error.stack` or `String(error)` keep a part of it at best.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { ROOT, sourceFiles } from "../support/source-files";

/** The log.warn/log.error calls of `text` that pass a part of an error instead of the error. */
function partialErrors(file: string, text: string): string[] {
  const source = ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const found: string[] = [];
  const isPart = (node: ts.Node): boolean =>
    (ts.isPropertyAccessExpression(node) && (node.name.text === "message" || node.name.text === "stack")) ||
    (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "String") ||
    ts.forEachChild(node, (child) => (isPart(child) ? true : undefined)) === true;
  const visit = (node: ts.Node) => {
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      ts.isIdentifier(node.expression.expression) &&
      node.expression.expression.text === "log" &&
      ["warn", "error"].includes(node.expression.name.text) &&
      node.arguments.slice(1).some(isPart)
    ) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart());
      found.push(`${file}:${line + 1}: ${node.getText().replace(/\s+/g, " ")}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("logged errors", () => {
  it("recognises an error passed in part", () => {
    expect(partialErrors("a.ts", 'log.warn("x", { reason: error.message });')).toHaveLength(1);
    expect(
      partialErrors("a.ts", 'log.error("x", { error: e instanceof Error ? e.stack : String(e) });'),
    ).toHaveLength(1);
    expect(
      partialErrors("a.ts", 'log.error("x", { shopId, error }); log.info("y", { reason: error.message });'),
    ).toEqual([]);
  });

  it("are passed whole under app/ and workers/", () => {
    const files = sourceFiles("app", "workers");
    const found = files.flatMap((file) => partialErrors(file, readFileSync(path.join(ROOT, file), "utf8")));
    expect(found).toEqual([]);
  });
});
