import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useRouteLoaderData } from "@remix-run/react";
import { Banner, BlockStack, Layout, Page } from "@shopify/polaris";
import { requireShop } from "~/auth/require-shop.server";
import { RouteError } from "~/components/RouteError";
import { SettingsForm } from "~/components/settings/SettingsForm";
import { db } from "~/db.server";
import { useT } from "~/i18n/I18nProvider";
import { shopPrimaryLanguage } from "~/digest/shop-locale.server";
import { shopifyAdminLanguage } from "~/pages/admin-language.server";
import { readSettingsForm } from "~/pages/settings-form";
import { askToOptIn, loadRecipients, loadSettings, saveSettings } from "~/pages/settings.server";
import type { loader as appLoader } from "./app";

export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? [{ title: data.title }] : []);

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, i18n, reader } = await requireShop(request);
  const [values, recipients, shopifyLanguage, primaryLanguage] = await Promise.all([
    loadSettings(db(), shop, new Date(), i18n),
    loadRecipients(db(), shop, i18n),
    shopifyAdminLanguage(db(), request, shop.id, reader),
    shopPrimaryLanguage(db(), shop.id),
  ]);
  return {
    title: i18n.t("settings.meta.title"),
    currency: shop.currency,
    timezone: shop.timezone,
    values,
    recipients,
    shopifyLanguage,
    primaryLanguage,
  };
};

// The shop comes from the session; a shopId or shop field in the form is never read. The layout's
// loader runs again after this action (app.tsx's shouldRevalidate), so a new admin language shows at once.
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, i18n } = await requireShop(request);
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
  const outcome = await saveSettings(db(), shop, readSettingsForm(form), new Date(), {}, i18n);
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
  const { currency, timezone, values, recipients, shopifyLanguage, primaryLanguage } =
    useLoaderData<typeof loader>();
  const { t } = useT();
  const acted = useActionData<typeof action>();
  const result = acted?.intent === "save" ? acted : undefined;
  const optIns = acted?.optIns ?? [];
  const demo = useRouteLoaderData<typeof appLoader>("routes/app")?.demo ?? false;
  const saving = useNavigation().state === "submitting";
  return (
    <Page
      title={t("settings.page.title")}
      narrowWidth
      secondaryActions={[{ content: t("settings.page.dataAndSync"), url: "/app/settings/data" }]}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {result?.ok ? (
              <Banner tone="success" title={t("settings.saved.title")}>
                {result.rebuildQueued === true ? <p>{t("settings.saved.rebuildQueued")}</p> : null}
                {result.rebuildQueued === false ? <p>{t("settings.saved.rebuildLater")}</p> : null}
                {result.digestScheduled === false ? <p>{t("settings.saved.digestLater")}</p> : null}
              </Banner>
            ) : null}
            <OptInBanner optIns={optIns} />
            {result && !result.ok ? (
              <Banner tone="critical" title={t("settings.notSaved.title")}>
                <p>{t("settings.notSaved.body")}</p>
              </Banner>
            ) : null}
            <SettingsForm
              key={JSON.stringify(values)}
              saved={values}
              recipients={recipients}
              errors={result && !result.ok ? result.errors : {}}
              currency={currency}
              timezone={timezone}
              shopifyLanguage={shopifyLanguage}
              primaryLanguage={primaryLanguage}
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
  const { t, intl } = useT();
  const sent = optIns.filter((o) => o.status === "sent").map((o) => o.email);
  const waiting = optIns.filter((o) => o.status === "already-pending").map((o) => o.email);
  const failed = optIns.filter((o) => o.status === "failed").map((o) => o.email);
  if (!sent.length && !waiting.length && !failed.length) return null;
  return (
    <Banner tone={failed.length ? "warning" : "info"} title={t("settings.optIn.title")}>
      {sent.length ? <p>{t("settings.optIn.sent", { emails: intl.formatList(sent) })}</p> : null}
      {waiting.length ? <p>{t("settings.optIn.waiting", { emails: intl.formatList(waiting) })}</p> : null}
      {failed.length ? <p>{t("settings.optIn.failed", { emails: intl.formatList(failed) })}</p> : null}
    </Banner>
  );
}

export function ErrorBoundary() {
  const { t } = useT();
  return <RouteError pageTitle={t("settings.page.title")} />;
}
