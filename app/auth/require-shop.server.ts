import { db } from "~/db.server";
import { authenticate } from "~/shopify.server";
import { demoShopDomain } from "./demo-session.server";
import { ensureShop } from "~/shops/ensure-shop.server";

export interface ShopContext {
  shop: { id: number; domain: string; currency: string; timezone: string };
  demo: boolean;
}

/**
 * Every admin loader and action starts here: the shop comes from the verified Shopify session (or the
 * demo session), never from a URL or form value, so one shop cannot reach another's rows.
 */
export async function requireShop(request: Request): Promise<ShopContext> {
  const demoDomain = await demoShopDomain(request);
  const domain = demoDomain ?? (await authenticate.admin(request)).session.shop;
  const shop = await ensureShop(db(), domain);
  return { shop, demo: demoDomain !== null };
}
