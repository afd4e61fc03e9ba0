/**
 * The dashboard's import banner in the reader's language. Which banner shows is decided by
 * importBanner (app/sync/status-format.ts); this gives its title and sentence the reader's words, so the
 * loader and the progress poll send the same, already worded, state.
 */
import type { MessageId } from "~/i18n/message-id";
import type { Translator } from "~/i18n/translator";
import { importProblem } from "~/sync/plain-words";
import { importBanner, type ImportBanner } from "~/sync/status-format";
import type { ImportProgress } from "~/sync/status.server";

function etaText(seconds: number | null, i18n: Translator): string | null {
  if (seconds === null) return null;
  if (seconds < 60) return i18n.t("dashboard.banner.eta.underMinute");
  const minutes = Math.round(seconds / 60);
  return minutes < 90
    ? i18n.t("dashboard.banner.eta.minutes", { minutes })
    : i18n.t("dashboard.banner.eta.hours", { hours: Math.round(minutes / 60) });
}

const RUNNING: Record<"exporting" | "retrying" | "importing", MessageId> = {
  exporting: "dashboard.banner.running.exporting",
  retrying: "dashboard.banner.running.retrying",
  importing: "dashboard.banner.running.importing",
};

export function localImportBanner(
  progress: ImportProgress,
  kpisComputed: boolean,
  readAt: number,
  i18n: Translator,
): ImportBanner {
  const banner = importBanner(progress, kpisComputed, readAt);
  const { phase } = progress;
  switch (banner.kind) {
    case "running": {
      const eta = phase === "importing" ? etaText(progress.etaSeconds, i18n) : null;
      const step = phase === "exporting" || phase === "retrying" ? phase : "importing";
      return {
        ...banner,
        title: i18n.t("dashboard.banner.running.title", {
          percent: i18n.intl.formatNumber(banner.percent / 100, { style: "percent" }),
        }),
        text: eta ? i18n.t("dashboard.banner.running.importingEta", { eta }) : i18n.t(RUNNING[step]),
      };
    }
    case "computing":
      return {
        ...banner,
        title: i18n.t("dashboard.banner.computing.title"),
        text: i18n.t("dashboard.banner.computing.text"),
      };
    case "failed": {
      const failed = progress.resources.find((r) => r.status === "failed");
      return {
        ...banner,
        title: i18n.t("dashboard.banner.failed.title"),
        text: failed
          ? i18n.t("dashboard.banner.failed.textOf", {
              resource: failed.resource,
              // How the stored error reads in words belongs to the sync page's sentences.
              problem: importProblem(failed.error ?? "").what,
            })
          : i18n.t("dashboard.banner.failed.text"),
      };
    }
    case "none":
      return banner;
  }
}
