/** The demo session cookie is signed with a key derived for it, not with the app secret that Shopify also uses. */
import { createCookie } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { demoShopDomain } from "~/auth/demo-session.server";
import { deriveKey } from "~/secrets/derived-keys.server";

const SECRET = "test-api-secret";
const cookieSignedWith = async (secret: string) =>
  (
    await createCookie("pulse_demo", {
      secrets: [secret],
      path: "/",
      httpOnly: true,
      sameSite: "lax",
    }).serialize({ shop: "pulse-demo.myshopify.com" })
  ).split(";")[0]!;
const request = (cookie: string) => new Request("http://localhost:3000/app", { headers: { cookie } });

describe("demo session cookie", () => {
  beforeAll(() => {
    Object.assign(process.env, {
      NODE_ENV: "test",
      SHOPIFY_API_KEY: "test-api-key",
      SHOPIFY_API_SECRET: SECRET,
      DEMO_MODE: "true",
      LOG_LEVEL: "error",
    });
  });

  it("is refused when signed with the raw app secret", async () => {
    expect(await demoShopDomain(request(await cookieSignedWith(SECRET)))).toBeNull();
  });

  it("is accepted when signed with the key derived (HKDF) for the demo cookie, and no other derived key", async () => {
    expect(
      await demoShopDomain(
        request(await cookieSignedWith(deriveKey(SECRET, "demo-session-cookie").toString("base64"))),
      ),
    ).toBe("pulse-demo.myshopify.com");
    expect(
      await demoShopDomain(
        request(await cookieSignedWith(deriveKey(SECRET, "session-token-encryption").toString("base64"))),
      ),
    ).toBeNull();
  });
});
