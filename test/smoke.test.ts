import { expect, test } from "vitest";
test("runs on the project's Node", () => {
  expect(Number(process.versions.node.split(".")[0])).toBeGreaterThanOrEqual(24);
});
