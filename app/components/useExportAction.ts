import type { ComplexAction } from "@shopify/polaris";
import { useDownload } from "./useDownload";

/**
 * "Export CSV" as a Polaris page action, as Shopify's own index pages have it. It downloads through
 * useDownload (with the admin session token); `error` says why the last attempt failed.
 */
export function useExportAction({ url, filename, label }: { url: string; filename: string; label: string }): {
  action: ComplexAction;
  error: string | null;
} {
  const { download, pending, error } = useDownload();
  return {
    action: {
      content: "Export CSV",
      accessibilityLabel: label,
      loading: pending,
      onAction: () => {
        if (!pending) void download(url, filename);
      },
    },
    error,
  };
}
