import { Link, isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { Banner, BlockStack, Page, Text } from "@shopify/polaris";

/**
 * A page-level error inside the app layout (the navigation stays, so there is always a way out): a
 * clear message for "not found", a generic one otherwise, and links back.
 */
export function RouteError({ pageTitle }: { pageTitle: string }) {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <Page title={pageTitle} backAction={{ content: "Store health", url: "/app" }}>
      <Banner tone="critical" title={notFound ? "This page does not exist" : "This page could not be loaded"}>
        <BlockStack gap="200">
          <Text as="p">
            {notFound
              ? "The link may be mistyped or out of date."
              : "Something went wrong on our side. Reload the page in a moment; your data is safe."}
          </Text>
          <Text as="p">
            <Link to="/app">Back to store health</Link> · <Link to="/app/customers">Customers</Link> ·{" "}
            <Link to="/app/settings">Settings</Link>
          </Text>
        </BlockStack>
      </Banner>
    </Page>
  );
}
