import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useRouteLoaderData } from "@remix-run/react";
import { Banner, BlockStack, Layout, Page } from "@shopify/polaris";
import { requireShop } from "~/auth/require-shop.server";
import { RouteError } from "~/components/RouteError";
import { SettingsForm } from "~/components/settings/SettingsForm";
import { db } from "~/db.server";
import { readSettingsForm } from "~/pages/settings-form";
import { loadRecipients, loadSettings, saveSettings } from "~/pages/settings.server";
import type { loader as appLoader } from "./app";

export const meta: MetaFunction = () => [{ title: "Settings · Pulse KPI" }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireShop(request);
  const [values, recipients] = await Promise.all([loadSettings(db(), shop), loadRecipients(db(), shop)]);
  return { currency: shop.currency, timezone: shop.timezone, values, recipients };
};

// The shop comes from the session; a shopId or shop field in the form is never read.
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await requireShop(request);
  const outcome = await saveSettings(db(), shop, readSettingsForm(await request.formData()));
  return outcome.ok
    ? {
        ok: true as const,
        errors: {},
        rebuildQueued: outcome.rebuildQueued,
        digestChanged: outcome.digestChanged,
        digestScheduled: outcome.digestScheduled,
      }
    : {
        ok: false as const,
        errors: outcome.errors,
        rebuildQueued: null,
        digestChanged: false,
        digestScheduled: null,
      };
};

export default function Settings() {
  const { currency, timezone, values, recipients } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const demo = useRouteLoaderData<typeof appLoader>("routes/app")?.demo ?? false;
  const saving = useNavigation().state === "submitting";
  return (
    <Page
      title="Settings"
      narrowWidth
      secondaryActions={[{ content: "Data and sync", url: "/app/settings/data" }]}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {result?.ok ? (
              <Banner tone="success" title="Settings saved">
                {result.rebuildQueued === true ? (
                  <p>
                    Your KPIs are being recalculated with the new settings; the dashboard shows them within a
                    minute or so.
                  </p>
                ) : null}
                {result.rebuildQueued === false ? (
                  <p>
                    Your KPIs will be recalculated with the new settings within the hour (the recalculation
                    could not be started right away).
                  </p>
                ) : null}
                {result.digestScheduled === false ? (
                  <p>The new digest day and hour take effect within the hour.</p>
                ) : null}
              </Banner>
            ) : null}
            {result && !result.ok ? (
              <Banner tone="critical" title="Nothing was saved">
                <p>Fix the fields marked below and save again.</p>
              </Banner>
            ) : null}
            <SettingsForm
              key={JSON.stringify(values)}
              saved={values}
              recipients={recipients}
              errors={result && !result.ok ? result.errors : {}}
              currency={currency}
              timezone={timezone}
              demo={demo}
              saving={saving}
            />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export function ErrorBoundary() {
  return <RouteError pageTitle="Settings" />;
}
