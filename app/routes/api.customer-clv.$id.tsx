import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { readDb } from "~/db.server";
import { translatorFor } from "~/i18n/catalog.server";
import { DEFAULT_LOCALE, matchLocale } from "~/i18n/locales";
import { customerClvCard } from "~/pages/customer-clv-card.server";
import { authenticate } from "~/shopify.server";

/**
 * GET /api/customer-clv/:id — the admin block's data (extensions/customer-clv-block) for Shopify customer
 * :id (numeric, or its gid). The block calls it from Shopify's admin with the extension's session token
 * as a Bearer header; authenticate.admin verifies it (401 otherwise), answers the CORS preflight and adds
 * the CORS headers Shopify's extension sandbox needs, through `cors`. The shop is the token's: a customer
 * of another shop is a 404, like one without a prediction.
 */
export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session, cors } = await authenticate.admin(request);
  // The block words its own text; the card's few words follow the admin user's browser language.
  const language = matchLocale(request.headers.get("Accept-Language")?.split(",")[0]) ?? DEFAULT_LOCALE;
  const i18n = translatorFor(language);
  const id = /^(?:gid:\/\/shopify\/Customer\/)?(\d{1,19})$/.exec(params.id ?? "")?.[1];
  if (!id) return cors(Response.json({ error: i18n.t("customers.api.badId") }, { status: 400 }));
  const card = await customerClvCard(readDb(), session.shop, BigInt(id), i18n);
  if (!card) return cors(Response.json({ error: i18n.t("customers.api.missing") }, { status: 404 }));
  return cors(Response.json(card, { headers: { "Cache-Control": "private, no-store" } }));
};

/** Remix sends every method but GET and HEAD here: the OPTIONS preflight is answered by authenticate.admin. */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { cors } = await authenticate.admin(request);
  return cors(new Response(null, { status: 405, headers: { Allow: "GET, OPTIONS" } }));
};
