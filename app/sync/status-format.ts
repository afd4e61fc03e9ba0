import { importProblem } from "./plain-words";
import type { ImportProgress, ResourceProgress } from "./status.server";

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
      return progress.error ? "waiting to try again" : "waiting to start";
    case "running":
      return `Shopify is preparing the export${progress.objectCount ? ` (${progress.objectCount.toLocaleString("en")} records so far)` : ""}`;
    case "importing":
      return `${count} imported (${progress.percent}%)${progress.etaSeconds !== null ? `, ${formatEta(progress.etaSeconds)}` : ""}`;
    case "completed":
      return `${count} imported`;
    case "failed":
      return `not imported (${progress.rowsDone ? `${count} imported before it stopped` : "nothing imported"})`;
  }
}

/**
 * What the dashboard's slim import banner shows: the import running, the KPIs being computed from what
 * it imported, part of it failed, or `none` once all is done and well.
 */
export interface ImportBanner {
  readonly kind: "running" | "computing" | "failed" | "none";
  readonly percent: number;
  readonly title: string;
  readonly text: string;
  /** When the state was read (ms since epoch): the page keeps the newest of loader and poll. */
  readonly readAt: number;
}

/** Whether the banner's state can still change by itself (the page keeps asking while it can). */
export const bannerMoving = (banner: ImportBanner) =>
  banner.kind === "running" || banner.kind === "computing";

/** `kpisComputed`: the KPI engine has figures (an import's end clears them until its full rebuild). */
export function importBanner(progress: ImportProgress, kpisComputed: boolean, readAt: number): ImportBanner {
  const { phase, percent } = progress;
  if (phase === "exporting" || phase === "importing" || phase === "retrying") {
    const eta = phase === "importing" ? formatEta(progress.etaSeconds) : null;
    const step =
      phase === "exporting"
        ? "Shopify is preparing the export. "
        : phase === "retrying"
          ? "Shopify's export is being retried. "
          : "";
    return {
      kind: "running",
      percent,
      title: `Importing your store's history: ${percent}%`,
      text: `${step}Figures are incomplete until the import finishes${eta ? ` (${eta})` : ""}.`,
      readAt,
    };
  }
  if (phase !== "not-started" && !kpisComputed) {
    return {
      kind: "computing",
      percent: 100,
      title: "Calculating your KPIs",
      text: "Your store's history is imported. The KPIs are being calculated from it and appear here by themselves.",
      readAt,
    };
  }
  if (phase === "completed-with-errors") {
    const failed = progress.resources.find((r) => r.status === "failed");
    const problem = importProblem(failed?.error ?? "");
    return {
      kind: "failed",
      percent,
      title: "Part of your store's history could not be imported",
      text: `${failed ? `${resourceLabel(failed.resource)}: ${problem.what} ` : ""}Figures that need it are incomplete. Import it again from the Data page.`,
      readAt,
    };
  }
  return { kind: "none", percent, title: "", text: "", readAt };
}
