import { describe, expect, it } from "vitest";
import { parseEnv } from "~/env.server";
import { toId } from "~/sync/records/fields";
import {
  CLOCK_SKEW_MS,
  identityMismatch,
  isMyshopifyDomain,
  SHOPIFY_RETRY_WINDOW_MS,
  staleReason,
} from "~/webhooks/delivery-guards";
import { parseJsonExact } from "~/webhooks/exact-json";

describe("shop domain header", () => {
  it.each(["pulse-demo.myshopify.com", "a.myshopify.com", "shop-123.myshopify.com"])(
    "accepts %s",
    (domain) => {
      expect(isMyshopifyDomain(domain)).toBe(true);
    },
  );
  it.each([
    "-a.myshopify.com",
    "a_b.myshopify.com",
    "a.b.myshopify.com",
    "myshopify.com",
    "a.myshopify.com\n",
    " a.myshopify.com",
  ])("refuses %j", (domain) => expect(isMyshopifyDomain(domain)).toBe(false));
});

describe("destructive delivery age", () => {
  const now = new Date("2026-12-07T12:00:00Z");
  const ago = (ms: number) => new Date(now.getTime() - ms);
  it("accepts a delivery, or a retry, within Shopify's retry window and the clock skew", () => {
    expect(staleReason(now, now)).toBeNull();
    expect(staleReason(ago(SHOPIFY_RETRY_WINDOW_MS + CLOCK_SKEW_MS), now)).toBeNull();
    expect(staleReason(ago(-CLOCK_SKEW_MS), now)).toBeNull();
  });
  it("refuses one older than the window, from the future, or without a trigger time", () => {
    expect(staleReason(ago(SHOPIFY_RETRY_WINDOW_MS + CLOCK_SKEW_MS + 1), now)).toMatch(
      /older than Shopify's 4-hour retry window/,
    );
    expect(staleReason(ago(-CLOCK_SKEW_MS - 1), now)).toMatch(/in the future/);
    expect(staleReason(null, now)).toMatch(/missing/);
  });
});

describe("shop a body names", () => {
  const named = { domain: "a.myshopify.com", shopifyId: 5n };
  it("must be the header's shop, with the id the app knows", () => {
    expect(identityMismatch(named, "a.myshopify.com", 5n)).toBeNull();
    expect(identityMismatch(named, "b.myshopify.com", 5n)).toMatch(/another shop's domain/);
    expect(identityMismatch(named, "a.myshopify.com", 6n)).toMatch(/another shop id/);
  });
  it("is identified by its domain alone while the app does not know its id", () => {
    expect(identityMismatch(named, "a.myshopify.com", null)).toBeNull();
    expect(identityMismatch(named, "b.myshopify.com", null)).toMatch(/another shop's domain/);
  });
});

describe("exact JSON", () => {
  it("keeps integers above 2^53 as their digits and everything else as JSON.parse does", () => {
    const text =
      '{"id":820982911946154508,"n":-9007199254740993,"safe":9007199254740991,"f":1.5,"e":1e21,"s":"820982911946154508"}';
    expect(parseJsonExact(text)).toEqual({
      id: "820982911946154508",
      n: "-9007199254740993",
      safe: 9007199254740991,
      f: 1.5,
      e: 1e21,
      s: "820982911946154508",
    });
    expect(toId((parseJsonExact(text) as { id: unknown }).id, "id")).toBe(820982911946154508n);
  });
  it("does not take a rounded number for an id", () => {
    expect(() => toId(JSON.parse("820982911946154508"), "id")).toThrow(/is not a Shopify id/);
  });
});

describe("intake configuration", () => {
  it("needs room for one largest body in the budget of unverified bytes", () => {
    const base = { SHOPIFY_API_KEY: "key", SHOPIFY_API_SECRET: "secret" };
    expect(parseEnv(base)).toMatchObject({
      WEBHOOK_MAX_BYTES: 5 * 1024 * 1024,
      WEBHOOK_INTAKE_BUFFER_BYTES: 32 * 1024 * 1024,
    });
    expect(() =>
      parseEnv({ ...base, WEBHOOK_MAX_BYTES: "2000", WEBHOOK_INTAKE_BUFFER_BYTES: "1000" }),
    ).toThrow("Invalid configuration: WEBHOOK_INTAKE_BUFFER_BYTES must be at least WEBHOOK_MAX_BYTES");
  });
});
