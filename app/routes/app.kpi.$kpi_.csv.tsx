import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireShop } from "~/auth/require-shop.server";
import { readDb } from "~/db.server";
import { kpiCsv } from "~/pages/kpi-csv.server";
import { kpiIdBySlug } from "~/pages/kpi-catalog";
import { readViewState } from "~/pages/view-state";

// GET /app/kpi/:kpi/csv?range=…: the detail page's "By period" table as CSV, for the session's shop only.
export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop, i18n } = await requireShop(request);
  const kpi = kpiIdBySlug(params.kpi);
  if (!kpi) throw new Response(i18n.t("kpiPage.unknownKpi"), { status: 404 });
  return kpiCsv(readDb(), shop, kpi, readViewState(new URL(request.url).searchParams), i18n);
};
