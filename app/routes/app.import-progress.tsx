import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireShop } from "~/auth/require-shop.server";
import { db } from "~/db.server";
import { snapshotsComputedAt } from "~/kpi-engine/snapshots.server";
import { importBanner } from "~/sync/status-format";
import { readImportProgress } from "~/sync/status.server";

/**
 * GET /app/import-progress: the dashboard banner's state as JSON, polled while the session's shop imports
 * its history. Read from the primary: a lagging replica could show the percentage going backwards.
 */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, i18n } = await requireShop(request);
  const now = Date.now();
  const [progress, computedAt] = await Promise.all([
    readImportProgress(db(), shop.id, now),
    snapshotsComputedAt(db(), shop.id),
  ]);
  return Response.json(importBanner(progress, computedAt !== null, now, i18n), {
    // An answer is only true at the moment it was read.
    headers: { "Cache-Control": "no-store" },
  });
};
