import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SUPPORTED_TOPICS } from "~/sync/events/apply-event.server";
import { API_VERSION } from "~/shopify.server";

const toml = fs.readFileSync(path.resolve(import.meta.dirname, "../../shopify.app.toml"), "utf8");

/** The quoted strings of a `key = [ … ]` array in the TOML (enough for this file's simple arrays). */
function stringArray(key: string): string[] {
  const match = new RegExp(`^\\s*${key}\\s*=\\s*\\[([^\\]]*)\\]`, "m").exec(toml);
  return match ? [...match[1]!.matchAll(/"([^"]+)"/g)].map((m) => m[1]!) : [];
}

describe("shopify.app.toml", () => {
  it("subscribes to exactly the topics the ingest worker handles", () => {
    const subscribed = [...stringArray("topics"), ...stringArray("compliance_topics")];
    expect(subscribed.sort()).toEqual([...SUPPORTED_TOPICS].sort());
  });

  it("pins the webhook API version the code uses", () => {
    expect(toml).toMatch(new RegExp(`^api_version = "${API_VERSION}"$`, "m"));
  });

  it("asks for the scopes the product needs", () => {
    const scopes = /^scopes = "([^"]+)"$/m.exec(toml)?.[1]?.split(",");
    expect(scopes).toEqual([
      "read_orders",
      "read_all_orders",
      "read_customers",
      "write_customers",
      "read_locales",
    ]);
  });
});
