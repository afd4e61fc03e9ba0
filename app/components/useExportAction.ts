import type { ComplexAction } from "@shopify/polaris";
import { useT } from "~/i18n/I18nProvider";
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
  const i18n = useT();
  return {
    action: {
      content: i18n.t("kpiPage.export.action"),
      accessibilityLabel: label,
      loading: pending,
      onAction: () => {
        if (!pending) void download(url, filename);
      },
    },
    error,
  };
}
