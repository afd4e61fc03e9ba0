import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Banner, BlockStack, Box, Card, InlineGrid, Layout, Page, Spinner, Text } from "@shopify/polaris";
import { requireShop } from "~/auth/require-shop.server";
import { importBanner } from "~/sync/status-format";
import { readImportProgress } from "~/sync/status.server";
import { KpiCard } from "~/components/KpiCard";
import { RangeControls } from "~/components/RangeControls";
import { RouteError } from "~/components/RouteError";
import { SkeletonCards } from "~/components/SkeletonCards";
import { ImportBanner } from "~/components/ImportBanner";
import { useImportBanner } from "~/components/useImportBanner";
import { useIsReloadingPage } from "~/components/useIsLoading";
import { db, readDb } from "~/db.server";
import { loadDashboard } from "~/pages/dashboard.server";
import { readViewState, viewSearch } from "~/pages/view-state";

export const meta: MetaFunction = () => [{ title: "Store health · Pulse KPI" }];

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
    shop: { domain: shop.domain, currency: shop.currency },
    dashboard,
    banner: importBanner(progress, dashboard.freshness.computedAt !== null, now, i18n),
  };
};

export default function StoreHealth() {
  const loaded = useLoaderData<typeof loader>();
  const { shop, dashboard } = loaded;
  const banner = useImportBanner(loaded.banner);
  const reloading = useIsReloadingPage();
  const search = viewSearch(dashboard.view);
  const syncing = banner.kind === "running";
  // A new shop: nothing computed yet, or only the empty first recompute while the history streams in.
  const importing =
    dashboard.freshness.computedAt === null || (syncing && dashboard.cards.every((card) => !card.value));
  return (
    <Page
      title="Store health"
      subtitle={
        importing
          ? shop.domain
          : `${dashboard.periodText} · ${
              syncing
                ? "figures incomplete until the history import finishes"
                : banner.kind === "computing"
                  ? "figures being recalculated from the imported history"
                  : `figures as of ${dashboard.freshness.computedText}`
            }`
      }
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <ImportBanner banner={banner} />
            {importing ? (
              <Card>
                <BlockStack gap="300" inlineAlign="center">
                  <Spinner size="large" accessibilityLabel="Importing" />
                  {banner.kind === "computing" ? (
                    <Text as="h2" variant="headingMd" alignment="center">
                      Your KPIs are being calculated
                    </Text>
                  ) : (
                    <>
                      <Text as="h2" variant="headingMd" alignment="center">
                        Your store&apos;s history is being imported
                      </Text>
                      <Text as="p" tone="subdued" alignment="center">
                        KPIs appear here as soon as the first orders are in. Large stores take a few minutes;
                        progress is shown above.
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
                    Changes compare {dashboard.periodText}{" "}
                    {dashboard.comparisons.length > 1
                      ? "with the period just before it and with the same period last year"
                      : "with the same period last year"}
                    ; the dashed line on each chart is the comparison chosen above. Green means better for
                    that KPI: for churn and abandonment, a fall is good news.
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
  return <RouteError pageTitle="Store health" />;
}
