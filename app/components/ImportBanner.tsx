import { Banner, BlockStack, ProgressBar, Text } from "@shopify/polaris";
import { useT } from "~/i18n/I18nProvider";
import type { ImportBanner as ImportBannerState } from "~/sync/status-format";

export const DATA_PAGE_PATH = "/app/settings/data";

/**
 * A slim banner while the store's history imports (give it useImportBanner's state, which follows the
 * import without a reload), while its KPIs are computed, or when part of it failed; nothing once the
 * import is done and well.
 */
export function ImportBanner({ banner }: { banner: ImportBannerState }) {
  const i18n = useT();
  if (banner.kind === "none") return null;
  return (
    <div data-import-banner={banner.kind} data-percent={banner.percent}>
      <Banner
        tone={banner.kind === "failed" ? "warning" : "info"}
        action={{
          content: i18n.t(
            banner.kind === "failed" ? "dashboard.banner.failedDetails" : "dashboard.banner.details",
          ),
          url: DATA_PAGE_PATH,
        }}
      >
        <BlockStack gap="200">
          {/* No Banner title: a title makes it a tall, coloured block; this stays one slim line. */}
          <Text as="p" id="import-banner-text">
            <Text as="span" fontWeight="semibold">
              {i18n.t("dashboard.banner.title", { title: banner.title })}
            </Text>{" "}
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
