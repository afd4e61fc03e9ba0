/** Weekly digest in the admin: this week's digest as it would be sent, and a test copy to one of the shop's recipients. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  InlineStack,
  Layout,
  Page,
  Select,
  Text,
} from "@shopify/polaris";
import { useState } from "react";
import { requireShop } from "~/auth/require-shop.server";
import { db } from "~/db.server";
import { useT } from "~/i18n/I18nProvider";
import { previewDigest, sendTestDigest, testDigestAddresses } from "~/digest/admin.server";
import { TEST_DIGEST_LIMIT } from "~/digest/test-send-limit.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? [{ title: data.title }] : []);

// The shop comes from the session only: the preview and the test send read that shop's data alone.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, i18n } = await requireShop(request);
  return {
    title: i18n.t("digestAdmin.meta.title"),
    preview: await previewDigest(shop.id),
    addresses: await testDigestAddresses(db(), shop.id),
    limit: TEST_DIGEST_LIMIT,
  };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, i18n } = await requireShop(request);
  const email = (await request.formData()).get("email");
  return sendTestDigest(shop.id, typeof email === "string" ? email : "", { i18n });
};

export default function DigestPage() {
  const { preview, addresses, limit } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const sending = useNavigation().state === "submitting";
  const [email, setEmail] = useState(addresses[0] ?? "");
  const { t, rich } = useT();
  return (
    <Page
      title={t("digestAdmin.page.title")}
      subtitle={t("digestAdmin.page.subtitle", { week: preview.isoWeek })}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {!preview.ready ? (
              <Banner tone="info" title={t("digestAdmin.notReady.title")}>
                <p>{t("digestAdmin.notReady.body")}</p>
              </Banner>
            ) : null}
            {result?.ok ? (
              <Banner tone="success" title={t("digestAdmin.sent.title", { email: result.to })} />
            ) : null}
            {result && !result.ok ? (
              <Banner tone="critical" title={t("digestAdmin.notSent.title")}>
                <p>{result.error}</p>
              </Banner>
            ) : null}
            <Card>
              {addresses.length === 0 ? (
                <Text as="p">
                  {rich("digestAdmin.noRecipients", {
                    link: (chunks) => <Link to="/app/settings">{chunks}</Link>,
                  })}
                </Text>
              ) : (
                <Form method="post">
                  <InlineStack gap="300" blockAlign="end">
                    <Box minWidth="320px">
                      <Select
                        label={t("digestAdmin.send.label")}
                        name="email"
                        options={addresses}
                        value={email}
                        onChange={setEmail}
                        helpText={t("digestAdmin.send.help", { limit })}
                      />
                    </Box>
                    <Button submit variant="primary" loading={sending}>
                      {t("digestAdmin.send.button")}
                    </Button>
                  </InlineStack>
                </Form>
              )}
            </Card>
            <Card padding="0">
              <Box padding="400">
                <Text as="p" variant="bodySm" tone="subdued">
                  {t("digestAdmin.preview.subject", { subject: preview.subject })}
                </Text>
              </Box>
              <iframe
                title={t("digestAdmin.preview.title")}
                srcDoc={preview.html}
                sandbox=""
                style={{ width: "100%", height: "1100px", border: 0 }}
              />
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
