import type { HeadersFunction, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, NavLink, Outlet, isRouteErrorResponse, useLoaderData, useRouteError } from "@remix-run/react";
import { NavMenu } from "@shopify/app-bridge-react";
import {
  AppProvider as PolarisAppProvider,
  Banner,
  Box,
  Frame,
  InlineStack,
  Page,
  Text,
} from "@shopify/polaris";
import polarisTranslations from "@shopify/polaris/locales/en.json";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { AppProvider as ShopifyAppProvider } from "@shopify/shopify-app-remix/react";
import { boundary } from "@shopify/shopify-app-remix/server";
import { requireShop } from "~/auth/require-shop.server";
import { AdminNavigationProgress, FrameNavigationProgress } from "~/components/NavigationProgress";
import { env } from "~/env.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: polarisStyles }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, demo } = await requireShop(request);
  return { apiKey: env().SHOPIFY_API_KEY, demo, shopDomain: shop.domain };
};

const NAV = [
  { to: "/app", label: "Store health" },
  { to: "/app/customers", label: "Customers" },
  { to: "/app/settings", label: "Settings" },
  { to: "/app/digest", label: "Weekly digest" },
  { to: "/app/privacy", label: "Data requests" },
];

export default function AppLayout() {
  const { apiKey, demo, shopDomain } = useLoaderData<typeof loader>();
  if (demo) {
    // No Shopify admin around the demo: plain Polaris with the same navigation in the page, and a Frame
    // for Polaris' contextual save bar (App Bridge provides it in the admin).
    return (
      <PolarisAppProvider i18n={polarisTranslations}>
        <Frame>
          <FrameNavigationProgress />
          <header>
            <Box padding="400" background="bg-surface-secondary">
              <InlineStack gap="400" blockAlign="center">
                <Text as="span" variant="headingMd">
                  Pulse KPI
                </Text>
                <nav aria-label="App">
                  <InlineStack gap="300">
                    {NAV.map((item) => (
                      <NavLink key={item.to} to={item.to} end={item.to === "/app"} prefetch="intent">
                        {item.label}
                      </NavLink>
                    ))}
                  </InlineStack>
                </nav>
                <Text as="span" tone="subdued">
                  Demo session · {shopDomain}
                </Text>
              </InlineStack>
            </Box>
          </header>
          <Outlet />
        </Frame>
      </PolarisAppProvider>
    );
  }
  return (
    <ShopifyAppProvider isEmbeddedApp apiKey={apiKey}>
      <NavMenu>
        <Link to="/app" rel="home">
          Store health
        </Link>
        <Link to="/app/customers">Customers</Link>
        <Link to="/app/settings">Settings</Link>
        <Link to="/app/digest">Weekly digest</Link>
        <Link to="/app/privacy">Data requests</Link>
      </NavMenu>
      <AdminNavigationProgress />
      <Outlet />
    </ShopifyAppProvider>
  );
}

// Shopify needs its own boundary to finish OAuth redirects inside the admin iframe.
export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status < 500) return boundary.error(error);
  return (
    <PolarisAppProvider i18n={polarisTranslations}>
      <Page title="Something went wrong">
        <Banner tone="critical" title="This page could not be loaded">
          <p>
            Reload the page, or go back to the <Link to="/app">store health overview</Link>.
          </p>
        </Banner>
      </Page>
    </PolarisAppProvider>
  );
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
