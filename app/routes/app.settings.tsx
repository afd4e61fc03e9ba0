import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useRouteLoaderData } from "@remix-run/react";
import { Banner, BlockStack, Layout, Page } from "@shopify/polaris";
import { requireShop } from "~/auth/require-shop.server";
import { RouteError } from "~/components/RouteError";
import { SettingsForm } from "~/components/settings/SettingsForm";
import { db } from "~/db.server";
import { readSettingsForm } from "~/pages/settings-form";
import { askToOptIn, loadRecipients, loadSettings, saveSettings } from "~/pages/settings.server";
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
  const form = await request.formData();
  if (form.get("intent") === "opt-in") {
    const optIn = await askToOptIn(db(), shop, String(form.get("email") ?? ""));
    return {
      intent: "opt-in" as const,
      ok: true as const,
      errors: {},
      rebuildQueued: null,
      digestChanged: false,
      digestScheduled: null,
      optIns: [optIn],
    };
  }
  const outcome = await saveSettings(db(), shop, readSettingsForm(form));
  return outcome.ok
    ? {
        intent: "save" as const,
        ok: true as const,
        errors: {},
        rebuildQueued: outcome.rebuildQueued,
        digestChanged: outcome.digestChanged,
        digestScheduled: outcome.digestScheduled,
        optIns: outcome.optIns,
      }
    : {
        intent: "save" as const,
        ok: false as const,
        errors: outcome.errors,
        rebuildQueued: null,
        digestChanged: false,
        digestScheduled: null,
        optIns: [],
      };
};

export default function Settings() {
  const { currency, timezone, values, recipients } = useLoaderData<typeof loader>();
  const acted = useActionData<typeof action>();
  const result = acted?.intent === "save" ? acted : undefined;
  const optIns = acted?.optIns ?? [];
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
            <OptInBanner optIns={optIns} />
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

/** What happened to the opt-in emails of addresses added again after they unsubscribed. */
function OptInBanner({ optIns }: { optIns: readonly { email: string; status: string }[] }) {
  const sent = optIns.filter((o) => o.status === "sent").map((o) => o.email);
  const waiting = optIns.filter((o) => o.status === "already-pending").map((o) => o.email);
  const failed = optIns.filter((o) => o.status === "failed").map((o) => o.email);
  if (!sent.length && !waiting.length && !failed.length) return null;
  return (
    <Banner tone={failed.length ? "warning" : "info"} title="Unsubscribed addresses need their own yes">
      {sent.length ? (
        <p>{`A confirmation email went to ${sent.join(", ")}. The digest goes there again once they confirm.`}</p>
      ) : null}
      {waiting.length ? (
        <p>{`${waiting.join(", ")} already got a confirmation email in the last day; no new one was sent.`}</p>
      ) : null}
      {failed.length ? (
        <p>{`The confirmation email to ${failed.join(", ")} could not be sent. Try again in a few minutes.`}</p>
      ) : null}
    </Banner>
  );
}

export function ErrorBoundary() {
  return <RouteError pageTitle="Settings" />;
}
