/** Weekly digest in the admin: this week's digest as it would be sent, and a test copy to any address. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Banner, BlockStack, Box, Button, Card, InlineStack, Layout, Page, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { requireShop } from "../auth/require-shop.server";
import { previewDigest, sendTestDigest } from "../digest/admin.server";

export const meta: MetaFunction = () => [{ title: "Weekly digest · Pulse KPI" }];

// The shop comes from the session only: the preview and the test send read that shop's data alone.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireShop(request);
  return { preview: await previewDigest(shop.id) };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await requireShop(request);
  const email = (await request.formData()).get("email");
  return sendTestDigest(shop.id, typeof email === "string" ? email : "");
};

export default function DigestPage() {
  const { preview } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const sending = useNavigation().state === "submitting";
  const [email, setEmail] = useState("");
  return (
    <Page title="Weekly digest" subtitle={`The email for ${preview.isoWeek}, as recipients will see it`} backAction={{ content: "Store health", url: "/app" }}>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {!preview.ready ? (
              <Banner tone="info" title="These numbers are not final yet">
                <p>The KPIs have not been recalculated since the week ended; the digest waits for that before it is sent.</p>
              </Banner>
            ) : null}
            {result?.ok ? <Banner tone="success" title={`Test digest sent to ${result.to}`} /> : null}
            {result && !result.ok ? <Banner tone="critical" title="The test digest was not sent"><p>{result.error}</p></Banner> : null}
            <Card>
              <Form method="post">
                <InlineStack gap="300" blockAlign="end">
                  <Box minWidth="320px">
                    <TextField label="Your email address" name="email" type="email" autoComplete="email" value={email} onChange={setEmail} />
                  </Box>
                  <Button submit variant="primary" loading={sending}>
                    Send a test digest to me
                  </Button>
                </InlineStack>
              </Form>
            </Card>
            <Card padding="0">
              <Box padding="400">
                <Text as="p" variant="bodySm" tone="subdued">
                  Subject: {preview.subject}
                </Text>
              </Box>
              <iframe title="Digest preview" srcDoc={preview.html} sandbox="" style={{ width: "100%", height: "1100px", border: 0 }} />
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
