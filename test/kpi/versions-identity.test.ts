import { describe, expect, it } from "vitest";
import { customerKeyFor, customersByEmail, normaliseEmail } from "~/kpi/identity";
import { latestVersions, latestVersionsBy } from "~/kpi/versions";
import { at, checkout, customer, order } from "./support/builders";

describe("latestVersions", () => {
  it("keeps the highest updatedAt whatever the arrival order", () => {
    const v1 = order({
      id: "o1",
      at: "2024-03-05T10:00:00Z",
      discountsMinor: 0,
      updatedAt: at("2024-03-05T10:00:00Z"),
    });
    const v2 = { ...v1, discountsMinor: 100, updatedAt: at("2024-03-05T10:05:00Z") };
    const v3 = { ...v1, discountsMinor: 200, updatedAt: at("2024-03-05T10:10:00Z") };
    const other = order({ id: "o2", at: "2024-03-05T11:00:00Z" });
    expect(latestVersions([v2, v3, other, v1]).map((o) => [o.id, o.discountsMinor])).toEqual([
      ["o1", 200],
      ["o2", 0],
    ]);
    expect(latestVersions([v3, v1, v2])[0]?.discountsMinor).toBe(200);
  });

  it("keeps the first copy on a tie so a replayed webhook changes nothing", () => {
    const first = order({ id: "o1", at: "2024-03-05T10:00:00Z", discountsMinor: 1 });
    const replay = { ...first, discountsMinor: 2 };
    expect(latestVersions([first, replay])[0]?.discountsMinor).toBe(1);
  });

  it("keys checkouts by token", () => {
    const open = checkout("k1", "2024-03-05T10:00:00Z", null, "2024-03-05T10:01:00Z");
    const done = checkout("k1", "2024-03-05T10:00:00Z", "2024-03-05T10:20:00Z");
    expect(latestVersionsBy([done, open], (c) => c.token)).toEqual([done]);
  });
});

describe("customer identity", () => {
  const known = customersByEmail([
    customer("7", "  Ann.Smith+shop@Example.COM ", "2024-05-01T00:00:00Z"),
    customer("8", "bob@example.com", "2023-01-01T00:00:00Z"),
    customer("9", "BOB@example.com", "2024-01-01T00:00:00Z"), // legacy duplicate: the earlier customer keeps it
    customer("10", null, "2024-01-01T00:00:00Z"),
  ]);

  it("normalises emails by trimming and lower-casing only", () => {
    expect(normaliseEmail("  Ann.Smith+shop@Example.COM ")).toBe("ann.smith+shop@example.com"); // dots and +tags stay
    expect(normaliseEmail("   ")).toBeNull();
    expect(normaliseEmail(null)).toBeNull();
  });

  it("uses the Shopify customer id first", () => {
    expect(customerKeyFor({ customerId: "42", email: "bob@example.com" }, known)).toBe("customer:42");
  });

  it("joins a guest order to the customer with that email, even one created later", () => {
    expect(customerKeyFor({ customerId: null, email: "ann.smith+shop@example.com" }, known)).toBe(
      "customer:7",
    );
    expect(customerKeyFor({ customerId: null, email: "Bob@Example.com" }, known)).toBe("customer:8");
  });

  it("keys other guests by email, and leaves orders with neither unidentified", () => {
    expect(customerKeyFor({ customerId: null, email: " Guest@Example.com" }, known)).toBe(
      "email:guest@example.com",
    );
    expect(customerKeyFor({ customerId: null, email: "annsmith+shop@example.com" }, known)).toBe(
      "email:annsmith+shop@example.com",
    );
    expect(customerKeyFor({ customerId: null, email: null }, known)).toBeNull();
    expect(customerKeyFor({ customerId: null, email: "" }, known)).toBeNull();
  });
});
