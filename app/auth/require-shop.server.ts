import { db } from "~/db.server";
import { resolveAdminLocale, type AdminReader } from "~/i18n/admin-locale.server";
import { translatorFor } from "~/i18n/catalog.server";
import type { Translator } from "~/i18n/translator";
import { authenticate } from "~/shopify.server";
import { demoSession } from "./demo-session.server";
import { ensureShop } from "~/shops/ensure-shop.server";

export interface ShopContext {
  shop: { id: number; domain: string; currency: string; timezone: string };
  demo: boolean;
  /** The admin language of this request (app/i18n/admin-locale.server.ts), with its formats. */
  i18n: Translator;
  /** Who asks (staff member or demo browser): Settings names the language their Shopify admin uses. */
  reader: AdminReader;
}

/**
 * Every admin loader and action starts here: the shop comes from the verified Shopify session (or the
 * demo session), never from a URL or form value, so one shop cannot reach another's rows.
 */
export async function requireShop(request: Request): Promise<ShopContext> {
  const demo = await demoSession(request);
  if (demo) {
    const shop = await ensureShop(db(), demo.shop);
    const reader: AdminReader = { kind: "demo", locale: demo.locale };
    const locale = await resolveAdminLocale(db(), request, shop.id, reader);
    return { shop, demo: true, i18n: translatorFor(locale), reader };
  }
  const { session, sessionToken } = await authenticate.admin(request);
  const shop = await ensureShop(db(), session.shop);
  const userId = typeof sessionToken?.sub === "string" ? sessionToken.sub : null;
  const reader: AdminReader = { kind: "staff", userId };
  const locale = await resolveAdminLocale(db(), request, shop.id, reader);
  return { shop, demo: false, i18n: translatorFor(locale), reader };
}
