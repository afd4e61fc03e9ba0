import { Link, isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { Banner, BlockStack, Page, Text } from "@shopify/polaris";
import { useT } from "~/i18n/I18nProvider";

/**
 * A page-level error inside the app layout (the navigation stays, so there is always a way out): a
 * clear message for "not found", a generic one otherwise, and links back. `pageTitle` is already in the
 * reader's language.
 */
export function RouteError({ pageTitle }: { pageTitle: string }) {
  const error = useRouteError();
  const i18n = useT();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  const link = (to: string) =>
    function LinkTo(chunks: Array<string | JSX.Element>) {
      return (
        <Link key={to} to={to}>
          {chunks}
        </Link>
      );
    };
  return (
    <Page title={pageTitle} backAction={{ content: i18n.t("common.nav.storeHealth"), url: "/app" }}>
      <Banner
        tone="critical"
        title={i18n.t(notFound ? "kpiPage.routeError.notFound.title" : "kpiPage.routeError.failed.title")}
      >
        <BlockStack gap="200">
          <Text as="p">
            {i18n.t(notFound ? "kpiPage.routeError.notFound.body" : "kpiPage.routeError.failed.body")}
          </Text>
          <Text as="p">
            {i18n.rich("kpiPage.routeError.links", {
              home: link("/app"),
              customers: link("/app/customers"),
              settings: link("/app/settings"),
            })}
          </Text>
        </BlockStack>
      </Banner>
    </Page>
  );
}
