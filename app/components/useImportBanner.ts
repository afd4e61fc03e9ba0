import { useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { bannerMoving, type ImportBanner } from "~/sync/status-format";

export const IMPORT_PROGRESS_PATH = "/app/import-progress";
const POLL_MS = 3_000;

/**
 * The import banner's state, kept current without a reload: while the import runs (or its KPIs are being
 * computed), the progress route is polled; when that ends, the page's loaders run again so the new
 * figures appear. Whichever of
 * the loader's and the poll's answers was read last wins.
 */
export function useImportBanner(initial: ImportBanner): ImportBanner {
  const [polled, setPolled] = useState<ImportBanner | null>(null);
  const { revalidate } = useRevalidator();
  const current = polled && polled.readAt > initial.readAt ? polled : initial;
  const running = bannerMoving(current);

  useEffect(() => {
    if (!running) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      // A tab in the background asks nothing; it catches up at the first poll once shown again.
      if (document.hidden) {
        timer = setTimeout(() => void poll(), POLL_MS);
        return;
      }
      try {
        // A plain fetch: in the admin, App Bridge adds the session token to same-origin requests.
        const response = await fetch(IMPORT_PROGRESS_PATH, {
          headers: { Accept: "application/json" },
          cache: "no-store",
        });
        if (response.ok && !stopped) setPolled((await response.json()) as ImportBanner);
      } catch {
        // A lost poll changes nothing on the page; the next one tells.
      }
      if (!stopped) timer = setTimeout(() => void poll(), POLL_MS);
    };
    timer = setTimeout(() => void poll(), POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [running]);

  const wasRunning = useRef(running);
  useEffect(() => {
    if (wasRunning.current && !running) revalidate();
    wasRunning.current = running;
  }, [running, revalidate]);

  return current;
}
