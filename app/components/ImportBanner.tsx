import { Banner, BlockStack, ProgressBar, Text } from "@shopify/polaris";
import type { ImportBanner as ImportBannerState } from "~/sync/status-format";
import { useImportBanner } from "./useImportBanner";

export const DATA_PAGE_PATH = "/app/settings/data";

/**
 * A slim banner while the store's history imports (its progress kept current without a reload) or when
 * part of it failed; nothing once the import is done and well.
 */
export function ImportBanner({ initial }: { initial: ImportBannerState }) {
  const banner = useImportBanner(initial);
  if (banner.kind === "none") return null;
  return (
    <div data-import-banner={banner.kind} data-percent={banner.percent}>
      <Banner
        tone={banner.kind === "failed" ? "warning" : "info"}
        title={banner.title}
        action={{
          content: banner.kind === "failed" ? "See what happened" : "Import details",
          url: DATA_PAGE_PATH,
        }}
      >
        <BlockStack gap="200">
          <Text as="p" id="import-banner-text">
            {banner.text}
          </Text>
          {banner.kind === "running" ? (
            <ProgressBar progress={banner.percent} size="small" ariaLabelledBy="import-banner-text" />
          ) : null}
        </BlockStack>
      </Banner>
    </div>
  );
}
