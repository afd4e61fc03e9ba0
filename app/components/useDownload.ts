import { useCallback, useState } from "react";
import { DownloadError, downloadFile } from "./download-file";

/** A download button's state: one download at a time, and the reason of the last failure; `download` says whether the file was saved. */
export function useDownload() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const download = useCallback(async (url: string, filename: string) => {
    setPending(true);
    setError(null);
    try {
      await downloadFile(url, filename);
      return true;
    } catch (failure) {
      setError(
        failure instanceof DownloadError
          ? failure.message
          : "The download failed. Check your connection and try again.",
      );
      return false;
    } finally {
      setPending(false);
    }
  }, []);
  return { download, pending, error };
}
