import type { MessageId } from "~/i18n/message-id";
import type { Translator } from "~/i18n/translator";
import { importProblem } from "./plain-words";
import type { ImportProgress, ResourceProgress } from "./status.server";

/** Plain-words lines for the admin's sync section (pure, so the page stays a layout). */
const RESOURCE_LABEL: Record<ResourceProgress["resource"], MessageId> = {
  customers: "data.resource.customers",
  orders: "data.resource.orders",
  checkouts: "data.resource.checkouts",
};

export function resourceLabel(resource: ResourceProgress["resource"], i18n: Translator): string {
  return i18n.t(RESOURCE_LABEL[resource]);
}

export function formatEta(seconds: number | null): string | null {
  if (seconds === null) return null;
  if (seconds < 60) return "less than a minute left";
  const minutes = Math.round(seconds / 60);
  return minutes < 90 ? `about ${minutes} min left` : `about ${Math.round(minutes / 60)} h left`;
}

/** "about 5 min left" in the reader's language. */
function etaText(seconds: number, i18n: Translator): string {
  if (seconds < 60) return i18n.t("data.eta.underMinute");
  const minutes = Math.round(seconds / 60);
  return minutes < 90
    ? i18n.t("data.eta.minutes", { minutes })
    : i18n.t("data.eta.hours", { hours: Math.round(minutes / 60) });
}

export function resourceLine(progress: ResourceProgress, i18n: Translator): string {
  const count = progress.rowsDone;
  const percent = progress.percent / 100;
  switch (progress.status) {
    case "pending":
      return i18n.t(progress.error ? "data.resource.waitingRetry" : "data.resource.waiting");
    case "running":
      return progress.objectCount
        ? i18n.t("data.resource.preparingCount", { count: progress.objectCount })
        : i18n.t("data.resource.preparing");
    case "importing":
      return progress.etaSeconds !== null
        ? i18n.t("data.resource.importingEta", { count, percent, eta: etaText(progress.etaSeconds, i18n) })
        : i18n.t("data.resource.importing", { count, percent });
    case "completed":
      return i18n.t("data.resource.completed", { count });
    case "failed":
      return progress.rowsDone
        ? i18n.t("data.resource.failedPartly", { count })
        : i18n.t("data.resource.failedNothing");
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
export function importBanner(
  progress: ImportProgress,
  kpisComputed: boolean,
  readAt: number,
  i18n: Translator,
): ImportBanner {
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
    const problem = importProblem(failed?.error ?? "", i18n);
    return {
      kind: "failed",
      percent,
      title: "Part of your store's history could not be imported",
      text: `${failed ? `${resourceLabel(failed.resource, i18n)}: ${problem.what} ` : ""}Figures that need it are incomplete. Import it again from the Data page.`,
      readAt,
    };
  }
  return { kind: "none", percent, title: "", text: "", readAt };
}
