import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireShop } from "~/auth/require-shop.server";
import { db } from "~/db.server";
import { log } from "~/logger.server";
import { downloadDataRequest, parseDataRequestId } from "~/privacy/data-requests.server";

// GET /app/privacy/:id/download: one data request's copy as JSON, for the session's shop only.
export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop, i18n } = await requireShop(request);
  const id = parseDataRequestId(params.id);
  if (id === null) {
    log.warn("data request download refused: bad id", { shopId: shop.id, id: params.id });
    return new Response(i18n.t("privacy.download.badId"), {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const file = await downloadDataRequest(db(), shop.id, id);
  if (!file)
    return new Response(i18n.t("privacy.download.notFound"), {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  return new Response(file.json, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${file.filename}"`,
      // Personal data: no cache, shared or private, may keep a copy.
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
};
