import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Banner, BlockStack, Box, Card, InlineGrid, Layout, Page, Spinner, Text } from "@shopify/polaris";
import { requireShop } from "~/auth/require-shop.server";
import { readImportProgress } from "~/sync/status.server";
import { KpiCard } from "~/components/KpiCard";
import { RangeControls } from "~/components/RangeControls";
import { RouteError } from "~/components/RouteError";
import { SkeletonCards } from "~/components/SkeletonCards";
import { ImportBanner } from "~/components/ImportBanner";
import { useImportBanner } from "~/components/useImportBanner";
import { useIsReloadingPage } from "~/components/useIsLoading";
import { db, readDb } from "~/db.server";
import { useT } from "~/i18n/I18nProvider";
import { loadDashboard } from "~/pages/dashboard.server";
import { importBanner } from "~/sync/status-format";
import { readViewState, viewSearch } from "~/pages/view-state";

export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? [{ title: data.pageTitle }] : []);

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, i18n } = await requireShop(request);
  const view = readViewState(new URL(request.url).searchParams);
  const now = Date.now();
  // The import's state from the primary, as the banner's polls read it (the newest reading wins).
  const [dashboard, progress] = await Promise.all([
    loadDashboard(readDb(), shop.id, shop, view, i18n),
    readImportProgress(db(), shop.id, now),
  ]);
  return {
    pageTitle: i18n.t("dashboard.meta.title"),
    shop: { domain: shop.domain, currency: shop.currency },
    dashboard,
    banner: importBanner(progress, dashboard.freshness.computedAt !== null, now, i18n),
  };
};

export default function StoreHealth() {
  const i18n = useT();
  const loaded = useLoaderData<typeof loader>();
  const { shop, dashboard } = loaded;
  const banner = useImportBanner(loaded.banner);
  const reloading = useIsReloadingPage();
  const search = viewSearch(dashboard.view);
  const syncing = banner.kind === "running";
  // A new shop: nothing computed yet, or only the empty first recompute while the history streams in.
  const importing =
    dashboard.freshness.computedAt === null || (syncing && dashboard.cards.every((card) => !card.value));
  const period = dashboard.periodText;
  const subtitle = importing
    ? shop.domain
    : syncing
      ? i18n.t("dashboard.subtitle.importing", { period })
      : banner.kind === "computing"
        ? i18n.t("dashboard.subtitle.computing", { period })
        : i18n.t("dashboard.subtitle.asOf", { period, time: dashboard.freshness.computedText });
  return (
    <Page title={i18n.t("dashboard.title")} subtitle={subtitle}>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <ImportBanner banner={banner} />
            {importing ? (
              <Card>
                <BlockStack gap="300" inlineAlign="center">
                  <Spinner size="large" accessibilityLabel={i18n.t("dashboard.importing.label")} />
                  {banner.kind === "computing" ? (
                    <Text as="h2" variant="headingMd" alignment="center">
                      {i18n.t("dashboard.importing.computing")}
                    </Text>
                  ) : (
                    <>
                      <Text as="h2" variant="headingMd" alignment="center">
                        {i18n.t("dashboard.importing.title")}
                      </Text>
                      <Text as="p" tone="subdued" alignment="center">
                        {i18n.t("dashboard.importing.text")}
                      </Text>
                    </>
                  )}
                </BlockStack>
              </Card>
            ) : (
              <>
                <Card>
                  <RangeControls
                    view={dashboard.view}
                    days={dashboard.days}
                    picker={dashboard.picker}
                    customError={dashboard.rangeError}
                  />
                </Card>
                {dashboard.rangeError && dashboard.view.range !== "custom" ? (
                  <Banner tone="warning">{dashboard.rangeError}</Banner>
                ) : null}
                <Box paddingInline={{ xs: "400", sm: "0" }}>
                  <Text as="p" tone="subdued" variant="bodySm">
                    {i18n.t(
                      dashboard.comparisons.length > 1
                        ? "dashboard.changes.both"
                        : "dashboard.changes.yearOnly",
                      { period },
                    )}
                  </Text>
                </Box>
                {reloading ? (
                  <SkeletonCards count={dashboard.cards.length} />
                ) : (
                  <InlineGrid columns={{ xs: 1, sm: 2, lg: 3 }} gap="400">
                    {dashboard.cards.map((card) => (
                      <KpiCard
                        key={card.slug}
                        card={card}
                        currency={shop.currency}
                        search={search}
                        comparisons={dashboard.comparisons}
                      />
                    ))}
                  </InlineGrid>
                )}
              </>
            )}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export function ErrorBoundary() {
  const i18n = useT();
  return <RouteError pageTitle={i18n.t("dashboard.title")} />;
}
