import type { HeadersFunction, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import {
  Link,
  NavLink,
  Outlet,
  isRouteErrorResponse,
  useLoaderData,
  useRouteError,
  useRouteLoaderData,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
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
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { AppProvider as ShopifyAppProvider } from "@shopify/shopify-app-remix/react";
import { boundary } from "@shopify/shopify-app-remix/server";
import { requireShop } from "~/auth/require-shop.server";
import { AdminNavigationProgress, FrameNavigationProgress } from "~/components/NavigationProgress";
import { env } from "~/env.server";
import { browserMessagesOf } from "~/i18n/catalog.server";
import { FALLBACK_MESSAGES } from "~/i18n/fallback-messages";
import { I18nProvider, useT } from "~/i18n/I18nProvider";
import { polarisTranslationsOf } from "~/i18n/polaris.server";
import type { MessageId } from "~/i18n/message-id";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: polarisStyles }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, demo, i18n } = await requireShop(request);
  return {
    apiKey: env().SHOPIFY_API_KEY,
    demo,
    shopDomain: shop.domain,
    locale: i18n.locale,
    messages: browserMessagesOf(i18n.locale),
    polarisTranslations: polarisTranslationsOf(i18n.locale),
  };
};

// The messages are the bulk of this loader's answer and change only with the language: navigations
// inside the app keep them; a form (Settings may change the language) or a new ?locale= reloads them.
export const shouldRevalidate: ShouldRevalidateFunction = ({
  formMethod,
  currentUrl,
  nextUrl,
  defaultShouldRevalidate,
}) => {
  if (formMethod && formMethod !== "GET") return defaultShouldRevalidate;
  return currentUrl.searchParams.get("locale") !== nextUrl.searchParams.get("locale");
};

const NAV: Array<{ to: string; label: MessageId }> = [
  { to: "/app", label: "common.nav.storeHealth" },
  { to: "/app/customers", label: "common.nav.customers" },
  { to: "/app/settings", label: "common.nav.settings" },
  { to: "/app/digest", label: "common.nav.digest" },
  { to: "/app/privacy", label: "common.nav.privacy" },
];

export default function AppLayout() {
  const { locale, messages } = useLoaderData<typeof loader>();
  return (
    <I18nProvider locale={locale} messages={messages}>
      <AppShell />
    </I18nProvider>
  );
}

function AppShell() {
  const { apiKey, demo, shopDomain, polarisTranslations } = useLoaderData<typeof loader>();
  const { t } = useT();
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
                  {t("common.app.name")}
                </Text>
                <nav aria-label={t("common.nav.label")}>
                  <InlineStack gap="300">
                    {NAV.map((item) => (
                      <NavLink key={item.to} to={item.to} end={item.to === "/app"} prefetch="intent">
                        {t(item.label)}
                      </NavLink>
                    ))}
                  </InlineStack>
                </nav>
                <Text as="span" tone="subdued">
                  {t("common.demo.session", { shopDomain })}
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
    <ShopifyAppProvider isEmbeddedApp apiKey={apiKey} i18n={polarisTranslations}>
      <NavMenu>
        {NAV.map((item) => (
          <Link key={item.to} to={item.to} rel={item.to === "/app" ? "home" : undefined}>
            {t(item.label)}
          </Link>
        ))}
      </NavMenu>
      <AdminNavigationProgress />
      <Outlet />
    </ShopifyAppProvider>
  );
}

// Shopify needs its own boundary to finish OAuth redirects inside the admin iframe.
export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData<typeof loader>("routes/app");
  if (isRouteErrorResponse(error) && error.status < 500) return boundary.error(error);
  // The layout's own loader may be what failed: then there are no messages, and English stands in.
  return (
    <I18nProvider locale={data?.locale ?? "en"} messages={data?.messages ?? FALLBACK_MESSAGES}>
      <PolarisAppProvider i18n={data?.polarisTranslations ?? {}}>
        <LayoutError />
      </PolarisAppProvider>
    </I18nProvider>
  );
}

function LayoutError() {
  const { t, rich } = useT();
  return (
    <Page title={t("common.error.title")}>
      <Banner tone="critical" title={t("common.error.banner")}>
        <p>{rich("common.error.body", { link: (chunks) => <Link to="/app">{chunks}</Link> })}</p>
      </Banner>
    </Page>
  );
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
