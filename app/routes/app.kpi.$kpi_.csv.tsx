import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireShop } from "~/auth/require-shop.server";
import { readDb } from "~/db.server";
import { kpiCsv } from "~/pages/kpi-csv.server";
import { kpiBySlug } from "~/pages/kpi-catalog";
import { readViewState } from "~/pages/view-state";

// GET /app/kpi/:kpi/csv?range=…: the detail page's "By period" table as CSV, for the session's shop only.
export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireShop(request);
  const entry = kpiBySlug(params.kpi);
  if (!entry) throw new Response("Unknown KPI", { status: 404 });
  return kpiCsv(readDb(), shop, entry, readViewState(new URL(request.url).searchParams));
};
