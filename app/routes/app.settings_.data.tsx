import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Layout, Page } from "@shopify/polaris";
import { requireShop } from "~/auth/require-shop.server";
import { DataSections } from "~/components/data/DataSections";
import { RouteError } from "~/components/RouteError";
import { db } from "~/db.server";
import { useT } from "~/i18n/I18nProvider";
import { loadDataPage } from "~/pages/data-page.server";
import { importAgain } from "~/pages/import-again.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? [{ title: data.title }] : []);

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, i18n } = await requireShop(request);
  return { ...(await loadDataPage(db(), shop, i18n)), title: i18n.t("data.meta.title") };
};

// "Import history again", once confirmed. The shop comes from the session, never the form.
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, i18n } = await requireShop(request);
  return importAgain(db(), shop.id, i18n);
};

export default function DataPage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <Page
      title={t("data.page.title")}
      subtitle={t("data.page.subtitle", { timezone: data.timezone })}
      backAction={{ content: t("data.page.back"), url: "/app/settings" }}
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
  const { t } = useT();
  return <RouteError pageTitle={t("data.page.title")} />;
}
