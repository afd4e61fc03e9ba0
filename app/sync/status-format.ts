import type { ResourceProgress, SyncStatus } from "./status.server";

/** Plain-words lines for the admin's sync section (pure, so the page stays a layout). */
const RESOURCE_LABEL: Record<ResourceProgress["resource"], string> = {
  customers: "Customers",
  orders: "Orders",
  checkouts: "Abandoned checkouts",
};

export function resourceLabel(resource: ResourceProgress["resource"]): string {
  return RESOURCE_LABEL[resource];
}

export function formatEta(seconds: number | null): string | null {
  if (seconds === null) return null;
  if (seconds < 60) return "less than a minute left";
  const minutes = Math.round(seconds / 60);
  return minutes < 90 ? `about ${minutes} min left` : `about ${Math.round(minutes / 60)} h left`;
}

export function resourceLine(progress: ResourceProgress): string {
  const count = progress.rowsDone.toLocaleString("en");
  switch (progress.status) {
    case "pending":
      return progress.error ? `waiting to retry: ${progress.error}` : "waiting";
    case "running":
      return `Shopify is preparing the export${progress.objectCount ? ` (${progress.objectCount.toLocaleString("en")} records so far)` : ""}`;
    case "importing":
      return `${count} imported (${progress.percent}%)${progress.etaSeconds !== null ? `, ${formatEta(progress.etaSeconds)}` : ""}`;
    case "completed":
      return `${count} imported`;
    case "failed":
      return `not imported: ${progress.error ?? "unknown error"}`;
  }
}

export function bannerTone(status: SyncStatus): "info" | "success" | "warning" | "critical" {
  if (status.phase === "completed") return status.scopeLimited ? "warning" : "success";
  if (status.phase === "completed-with-errors") return "critical";
  return "info";
}

export function bannerTitle(status: SyncStatus): string {
  switch (status.phase) {
    case "not-started":
      return "Store history has not been imported yet";
    case "exporting":
    case "retrying":
      return `Importing your store's history (${status.percent}%)`;
    case "importing":
      return `Importing your store's history (${status.percent}%${status.etaSeconds !== null ? `, ${formatEta(status.etaSeconds)}` : ""})`;
    case "completed":
      return "Store history imported";
    case "completed-with-errors":
      return "Part of your store's history could not be imported";
  }
}
