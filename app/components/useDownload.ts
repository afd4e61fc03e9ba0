import { useCallback, useState } from "react";
import { useT } from "~/i18n/I18nProvider";
import type { Translator } from "~/i18n/translator";
import { DownloadError, downloadFile } from "./download-file";

/** Why a download failed, in the reader's language. */
function failureText(failure: unknown, i18n: Translator): string {
  if (!(failure instanceof DownloadError)) return i18n.t("kpiPage.download.failed");
  if (failure.status === 401 || failure.status === 403) return i18n.t("kpiPage.download.expired");
  return i18n.t("kpiPage.download.status", { status: failure.status });
}

/** A download button's state: one download at a time, and the reason of the last failure; `download` says whether the file was saved. */
export function useDownload() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const i18n = useT();
  const download = useCallback(
    async (url: string, filename: string) => {
      setPending(true);
      setError(null);
      try {
        await downloadFile(url, filename);
        return true;
      } catch (failure) {
        setError(failureText(failure, i18n));
        return false;
      } finally {
        setPending(false);
      }
    },
    [i18n],
  );
  return { download, pending, error };
}
