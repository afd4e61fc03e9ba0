/** A logged error keeps what explains it: name, message, stack and cause (JSON.stringify alone gives {}). */
import { afterEach, describe, expect, it, vi } from "vitest";
import { log } from "~/logger.server";

describe("logged errors", () => {
  afterEach(() => vi.restoreAllMocks());

  it("serialises an Error field with its name, message, stack and cause", () => {
    const lines: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    const cause = new RangeError("socket closed");
    log.error("job failed", { jobId: "7", error: new TypeError("cannot read shop", { cause }) });
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]!) as {
      msg: string;
      jobId: string;
      error: {
        name: string;
        message: string;
        stack: string;
        cause: { name: string; message: string; stack: string };
      };
    };
    expect(entry).toMatchObject({
      msg: "job failed",
      jobId: "7",
      error: {
        name: "TypeError",
        message: "cannot read shop",
        cause: { name: "RangeError", message: "socket closed" },
      },
    });
    expect(entry.error.stack).toContain("small-logged-errors.test.ts");
    expect(entry.error.cause.stack).toContain("RangeError: socket closed");
  });
});
