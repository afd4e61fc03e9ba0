import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Card, EmptyState, InlineGrid, Layout, Page, Text } from "@shopify/polaris";
import { requireShop } from "../auth/require-shop.server";
import { storeOverview } from "../overview/store-overview.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireShop(request);
  return { shopDomain: shop.domain, overview: await storeOverview(shop.id) };
};

export default function StoreHealth() {
  const { shopDomain, overview } = useLoaderData<typeof loader>();
  const stats = [
    { label: "Orders", value: overview.orders.toLocaleString("en") },
    { label: "Customers", value: overview.customers.toLocaleString("en") },
    { label: "Checkouts", value: overview.checkouts.toLocaleString("en") },
    { label: "Webhooks waiting", value: overview.webhooksWaiting.toLocaleString("en") },
  ];
  return (
    <Page title="Store health" subtitle={shopDomain}>
      <Layout>
        <Layout.Section>
          {overview.orders === 0 ? (
            <Card>
              <EmptyState heading="No orders yet" image="">
                <p>Orders appear here as Shopify sends them, and once the store&apos;s history has been imported.</p>
              </EmptyState>
            </Card>
          ) : (
            <InlineGrid columns={{ xs: 1, sm: 2, md: 4 }} gap="400">
              {stats.map((stat) => (
                <Card key={stat.label}>
                  <BlockStack gap="200">
                    <Text as="h2" variant="headingSm" tone="subdued">
                      {stat.label}
                    </Text>
                    <Text as="p" variant="headingLg">
                      {stat.value}
                    </Text>
                  </BlockStack>
                </Card>
              ))}
            </InlineGrid>
          )}
        </Layout.Section>
        <Layout.Section>
          <Card>
            <Text as="p" tone="subdued">
              {overview.lastWebhookAt
                ? `Last webhook received ${new Date(overview.lastWebhookAt).toUTCString()}.`
                : "No webhook received yet."}
              {overview.webhooksFailed > 0 ? ` ${overview.webhooksFailed} webhook(s) could not be read and are kept for review.` : ""}
            </Text>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
