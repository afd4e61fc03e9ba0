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
import { previewDigest, sendTestDigest, testDigestAddresses } from "~/digest/admin.server";
import { TEST_DIGEST_LIMIT } from "~/digest/test-send-limit.server";

export const meta: MetaFunction = () => [{ title: "Weekly digest · Pulse KPI" }];

// The shop comes from the session only: the preview and the test send read that shop's data alone.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireShop(request);
  return {
    preview: await previewDigest(shop.id),
    addresses: await testDigestAddresses(db(), shop.id),
    limit: TEST_DIGEST_LIMIT,
  };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await requireShop(request);
  const email = (await request.formData()).get("email");
  return sendTestDigest(shop.id, typeof email === "string" ? email : "");
};

export default function DigestPage() {
  const { preview, addresses, limit } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const sending = useNavigation().state === "submitting";
  const [email, setEmail] = useState(addresses[0] ?? "");
  return (
    <Page title="Weekly digest" subtitle={`The email for ${preview.isoWeek}, as recipients will see it`}>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {!preview.ready ? (
              <Banner tone="info" title="These numbers are not final yet">
                <p>
                  The KPIs have not been recalculated since the week ended; the digest waits for that before
                  it is sent.
                </p>
              </Banner>
            ) : null}
            {result?.ok ? <Banner tone="success" title={`Test digest sent to ${result.to}`} /> : null}
            {result && !result.ok ? (
              <Banner tone="critical" title="The test digest was not sent">
                <p>{result.error}</p>
              </Banner>
            ) : null}
            <Card>
              {addresses.length === 0 ? (
                <Text as="p">
                  A test digest goes to this store&apos;s digest recipients only. Add one in{" "}
                  <Link to="/app/settings">Settings</Link> first.
                </Text>
              ) : (
                <Form method="post">
                  <InlineStack gap="300" blockAlign="end">
                    <Box minWidth="320px">
                      <Select
                        label="Send a test to"
                        name="email"
                        options={addresses}
                        value={email}
                        onChange={setEmail}
                        helpText={`One of this store's digest recipients; at most ${limit} test digests an hour.`}
                      />
                    </Box>
                    <Button submit variant="primary" loading={sending}>
                      Send a test digest
                    </Button>
                  </InlineStack>
                </Form>
              )}
            </Card>
            <Card padding="0">
              <Box padding="400">
                <Text as="p" variant="bodySm" tone="subdued">
                  Subject: {preview.subject}
                </Text>
              </Box>
              <iframe
                title="Digest preview"
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
