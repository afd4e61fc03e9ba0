import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Layout, Page } from "@shopify/polaris";
import { requireShop } from "~/auth/require-shop.server";
import { DataSections } from "~/components/data/DataSections";
import { RouteError } from "~/components/RouteError";
import { db } from "~/db.server";
import { loadDataPage } from "~/pages/data-page.server";
import { importAgain } from "~/pages/import-again.server";

export const meta: MetaFunction = () => [{ title: "Data and sync · Pulse KPI" }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireShop(request);
  return loadDataPage(db(), shop);
};

// "Import history again", once confirmed. The shop comes from the session, never the form.
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await requireShop(request);
  return importAgain(db(), shop.id);
};

export default function DataPage() {
  const data = useLoaderData<typeof loader>();
  return (
    <Page
      title="Data and sync"
      subtitle={`Times are in your store's time zone (${data.timezone}).`}
      backAction={{ content: "Settings", url: "/app/settings" }}
      narrowWidth
    >
      <Layout>
        <Layout.Section>
          <DataSections data={data} />
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export function ErrorBoundary() {
  return <RouteError pageTitle="Data and sync" />;
}
