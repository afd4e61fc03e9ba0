import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { readDb } from "~/db.server";
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
  const id = /^(?:gid:\/\/shopify\/Customer\/)?(\d{1,19})$/.exec(params.id ?? "")?.[1];
  if (!id)
    return cors(Response.json({ error: "Customer id must be Shopify's numeric id." }, { status: 400 }));
  const card = await customerClvCard(readDb(), session.shop, BigInt(id));
  if (!card)
    return cors(
      Response.json(
        { error: "No prediction for this customer yet: it appears after the next nightly model run." },
        { status: 404 },
      ),
    );
  return cors(Response.json(card, { headers: { "Cache-Control": "private, no-store" } }));
};

/** Remix sends every method but GET and HEAD here: the OPTIONS preflight is answered by authenticate.admin. */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { cors } = await authenticate.admin(request);
  return cors(new Response(null, { status: 405, headers: { Allow: "GET, OPTIONS" } }));
};
