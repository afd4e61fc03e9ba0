/** Customer data requests: what Shopify forwarded, a download of each, and a way to mark it handled. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  IndexTable,
  InlineStack,
  Layout,
  List,
  Page,
  Text,
} from "@shopify/polaris";
import { requireShop } from "~/auth/require-shop.server";
import { DownloadLink } from "~/components/DownloadLink";
import { RouteError } from "~/components/RouteError";
import { db } from "~/db.server";
import { log } from "~/logger.server";
import {
  listDataRequests,
  markDataRequestHandled,
  parseDataRequestId,
  type DataRequestRow,
} from "~/privacy/data-requests.server";
import { DATA_REQUEST_RETENTION_DAYS } from "~/privacy/retention";

export const meta: MetaFunction = () => [{ title: "Customer data requests · Pulse KPI" }];

// The shop comes from the session only: a request id of another shop finds nothing.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireShop(request);
  return {
    requests: await listDataRequests(db(), shop.id),
    timezone: shop.timezone,
    retentionDays: DATA_REQUEST_RETENTION_DAYS,
  };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await requireShop(request);
  const form = await request.formData();
  const raw = form.get("id");
  const id = parseDataRequestId(typeof raw === "string" ? raw : undefined);
  if (form.get("intent") !== "handled" || id === null) {
    log.warn("data request action refused", { shopId: shop.id, intent: form.get("intent"), id: raw });
    return Response.json(
      { ok: false, error: "That request could not be read. Reload the page and try again." },
      { status: 400 },
    );
  }
  if (!(await markDataRequestHandled(db(), shop.id, id))) {
    return Response.json(
      { ok: false, error: "This request no longer exists; it may have expired." },
      { status: 404 },
    );
  }
  return { ok: true, error: null };
};

const dateIn = (iso: string, timeZone: string) =>
  new Date(iso).toLocaleDateString("en-US", { dateStyle: "medium", timeZone });

function customerLabel(request: DataRequestRow): string {
  if (request.customerName) return request.customerName;
  return request.customerId ? `Customer ${request.customerId}` : "Unknown customer";
}

export default function PrivacyPage() {
  const { requests, timezone, retentionDays } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  // A download marks the request downloaded on the server; show it without a reload.
  const revalidator = useRevalidator();
  const busyId = navigation.state === "submitting" ? navigation.formData?.get("id") : null;
  const pending = requests.filter((request) => !request.handledAt).length;

  return (
    <Page
      title="Customer data requests"
      subtitle={pending === 1 ? "1 request to answer" : `${pending} requests to answer`}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {result && !result.ok ? (
              <Banner tone="critical" title="The request was not updated">
                <p>{result.error}</p>
              </Banner>
            ) : null}
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  What Shopify expects from you
                </Text>
                <Text as="p">
                  When a customer asks your store for their data, Shopify forwards the request to every app
                  that holds some. Pulse KPI gathers what it holds on that customer (their orders, refunds and
                  checkouts as the app stores them) into a file.
                </Text>
                <List type="number">
                  <List.Item>Download the file of each request below.</List.Item>
                  <List.Item>Send it to the customer, within 30 days of the request.</List.Item>
                  <List.Item>Mark the request handled. The app then deletes its copy.</List.Item>
                </List>
                <Text as="p" tone="subdued">
                  Copies that are not handled are deleted {retentionDays} days after the request. Your digest
                  recipients get an email when a new request arrives.
                </Text>
              </BlockStack>
            </Card>
            <Card padding="0">
              {requests.length === 0 ? (
                <Box padding="400">
                  <BlockStack gap="200">
                    <Text as="h2" variant="headingMd">
                      No customer data requests
                    </Text>
                    <Text as="p">
                      When a customer asks for their data through Shopify, the request appears here. There is
                      nothing to do now.
                    </Text>
                  </BlockStack>
                </Box>
              ) : (
                <IndexTable
                  resourceName={{ singular: "data request", plural: "data requests" }}
                  itemCount={requests.length}
                  selectable={false}
                  headings={[
                    { title: "Customer" },
                    { title: "Email" },
                    { title: "Requested" },
                    { title: "Expires" },
                    { title: "Orders", alignment: "end" },
                    { title: "Status" },
                    { title: "Actions" },
                  ]}
                >
                  {requests.map((request, index) => (
                    <IndexTable.Row id={request.id} key={request.id} position={index}>
                      <IndexTable.Cell>
                        <Text as="span" fontWeight="semibold">
                          {customerLabel(request)}
                        </Text>
                      </IndexTable.Cell>
                      <IndexTable.Cell>{request.email ?? "No email"}</IndexTable.Cell>
                      <IndexTable.Cell>{dateIn(request.requestedAt, timezone)}</IndexTable.Cell>
                      <IndexTable.Cell>{dateIn(request.expiresAt, timezone)}</IndexTable.Cell>
                      <IndexTable.Cell>
                        <Text as="span" alignment="end" numeric>
                          {request.ordersCount}
                        </Text>
                      </IndexTable.Cell>
                      <IndexTable.Cell>
                        {request.handledAt ? (
                          <Badge tone="success">Handled</Badge>
                        ) : request.downloadedAt ? (
                          <Badge tone="info">Downloaded</Badge>
                        ) : (
                          <Badge tone="attention">Not downloaded</Badge>
                        )}
                      </IndexTable.Cell>
                      <IndexTable.Cell>
                        {request.handledAt ? (
                          <Text as="span" tone="subdued">
                            Copy deleted
                          </Text>
                        ) : (
                          <InlineStack gap="200" wrap={false}>
                            <DownloadLink
                              url={`/app/privacy/${request.id}/download`}
                              filename={`customer-data-request-${request.id}.json`}
                              label={`Download JSON of ${customerLabel(request)}`}
                              text="Download JSON"
                              pendingText="Downloading…"
                              onDownloaded={revalidator.revalidate}
                            />
                            <Form method="post">
                              <input type="hidden" name="intent" value="handled" />
                              <input type="hidden" name="id" value={request.id} />
                              <Button
                                submit
                                loading={busyId === request.id}
                                accessibilityLabel={`Mark handled: request of ${customerLabel(request)}`}
                              >
                                Mark handled
                              </Button>
                            </Form>
                          </InlineStack>
                        )}
                      </IndexTable.Cell>
                    </IndexTable.Row>
                  ))}
                </IndexTable>
              )}
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export function ErrorBoundary() {
  return <RouteError pageTitle="Customer data requests" />;
}
