import { createCookie, redirect } from "@remix-run/node";
import { db } from "~/db.server";
import { env } from "~/env.server";
import { demoCookieSecret } from "~/secrets/derived-keys.server";
import { ensureShop } from "~/shops/ensure-shop.server";

export const DEMO_SHOP_DOMAIN = "pulse-demo.myshopify.com";
const COOKIE_NAME = "pulse_demo";

/** Demo sessions exist only with DEMO_MODE on and never in production (env validation refuses both). */
export function demoEnabled(): boolean {
  const config = env();
  return config.DEMO_MODE && config.NODE_ENV !== "production";
}

function demoCookie() {
  return createCookie(COOKIE_NAME, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    // Its own key, derived for this cookie: the raw app secret also verifies Shopify's tokens and webhooks.
    secrets: [demoCookieSecret(env().SHOPIFY_API_SECRET)],
    maxAge: 7 * 24 * 3600,
  });
}

/** Cheap check used before any parsing: is this a request from the demo browser session? */
export function isDemoRequest(request: Request): boolean {
  return demoEnabled() && (request.headers.get("cookie") ?? "").includes(`${COOKIE_NAME}=`);
}

export interface DemoSession {
  shop: string;
  /** The language asked for with `/demo?locale=pl`, if any. */
  locale?: string;
}

/** The demo session of the request, or null. */
export async function demoSession(request: Request): Promise<DemoSession | null> {
  if (!isDemoRequest(request)) return null;
  const value: unknown = await demoCookie().parse(request.headers.get("cookie"));
  if (typeof value !== "object" || value === null || !("shop" in value) || typeof value.shop !== "string") {
    return null;
  }
  const locale = "locale" in value && typeof value.locale === "string" ? value.locale : undefined;
  return { shop: value.shop, locale };
}

/** The shop domain of a valid demo session, or null. */
export async function demoShopDomain(request: Request): Promise<string | null> {
  return (await demoSession(request))?.shop ?? null;
}

/** Starts a demo session for the demo shop (in the language `?locale=` names) and opens the app. */
export async function startDemoSession(request?: Request): Promise<Response> {
  if (!demoEnabled()) throw new Response("Not Found", { status: 404 });
  await ensureShop(db(), DEMO_SHOP_DOMAIN);
  const locale = request ? (new URL(request.url).searchParams.get("locale") ?? undefined) : undefined;
  const session: DemoSession = { shop: DEMO_SHOP_DOMAIN, ...(locale ? { locale: locale.slice(0, 16) } : {}) };
  return redirect("/app", { headers: { "Set-Cookie": await demoCookie().serialize(session) } });
}
