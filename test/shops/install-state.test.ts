import { describe, expect, it } from "vitest";
import { reimportReason, RESUME_WITHIN_MS } from "~/shops/install-state.server";

const NOW = new Date("2026-12-07T10:00:00Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const done = ["completed", "completed", "completed"];

describe("what a returning shop needs", () => {
  it("resumes on intact rows after a short absence", () => {
    expect(
      reimportReason({ state: "uninstalled", uninstalled_at: ago(3_600_000) }, done, false, NOW),
    ).toBeNull();
    expect(
      reimportReason({ state: "uninstalled", uninstalled_at: ago(RESUME_WITHIN_MS) }, done, false, NOW),
    ).toBeNull();
  });

  it("resumes when its uninstall is still waiting in the inbox", () => {
    expect(reimportReason({ state: "installed", uninstalled_at: null }, done, true, NOW)).toBeNull();
  });

  it("imports again after a redaction, whatever rows survived it", () => {
    expect(reimportReason({ state: "redacted", uninstalled_at: ago(60_000) }, done, false, NOW)).toBe(
      "redacted",
    );
    expect(reimportReason({ state: "redacted", uninstalled_at: null }, [], false, NOW)).toBe("redacted");
  });

  it("imports again without an import on record, or after one that never finished", () => {
    expect(reimportReason({ state: "uninstalled", uninstalled_at: ago(60_000) }, [], false, NOW)).toBe(
      "no-history",
    );
    expect(
      reimportReason(
        { state: "uninstalled", uninstalled_at: ago(60_000) },
        ["completed", "importing", "pending"],
        false,
        NOW,
      ),
    ).toBe("unfinished");
    expect(
      reimportReason(
        { state: "uninstalled", uninstalled_at: ago(60_000) },
        ["completed", "failed", "completed"],
        false,
        NOW,
      ),
    ).toBe("unfinished");
  });

  it("imports again after an absence the reconciliation is not trusted to repair", () => {
    expect(
      reimportReason({ state: "uninstalled", uninstalled_at: ago(RESUME_WITHIN_MS + 1) }, done, false, NOW),
    ).toBe("stale");
    expect(reimportReason({ state: "uninstalled", uninstalled_at: null }, done, false, NOW)).toBe("stale");
  });
});
