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
import { useT } from "~/i18n/I18nProvider";
import type { Translator } from "~/i18n/translator";
import { log } from "~/logger.server";
import {
  listDataRequests,
  markDataRequestHandled,
  parseDataRequestId,
  type DataRequestRow,
} from "~/privacy/data-requests.server";
import { DATA_REQUEST_RETENTION_DAYS } from "~/privacy/retention";

export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? [{ title: data.title }] : []);

// The shop comes from the session only: a request id of another shop finds nothing.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, i18n } = await requireShop(request);
  return {
    title: i18n.t("privacy.meta.title"),
    requests: await listDataRequests(db(), shop.id),
    timezone: shop.timezone,
    retentionDays: DATA_REQUEST_RETENTION_DAYS,
  };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, i18n } = await requireShop(request);
  const form = await request.formData();
  const raw = form.get("id");
  const id = parseDataRequestId(typeof raw === "string" ? raw : undefined);
  if (form.get("intent") !== "handled" || id === null) {
    log.warn("data request action refused", { shopId: shop.id, intent: form.get("intent"), id: raw });
    return Response.json({ ok: false, error: i18n.t("privacy.error.unreadable") }, { status: 400 });
  }
  if (!(await markDataRequestHandled(db(), shop.id, id))) {
    return Response.json({ ok: false, error: i18n.t("privacy.error.gone") }, { status: 404 });
  }
  return { ok: true, error: null };
};

function customerLabel(request: DataRequestRow, t: Translator["t"]): string {
  if (request.customerName) return request.customerName;
  return request.customerId
    ? t("privacy.customer.id", { id: request.customerId })
    : t("privacy.customer.unknown");
}

export default function PrivacyPage() {
  const { requests, timezone, retentionDays } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  // A download marks the request downloaded on the server; show it without a reload.
  const revalidator = useRevalidator();
  const busyId = navigation.state === "submitting" ? navigation.formData?.get("id") : null;
  const pending = requests.filter((request) => !request.handledAt).length;
  const { t, intl } = useT();
  const dateIn = (iso: string) => intl.formatDate(new Date(iso), { dateStyle: "medium", timeZone: timezone });

  return (
    <Page title={t("privacy.page.title")} subtitle={t("privacy.page.subtitle", { count: pending })}>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {result && !result.ok ? (
              <Banner tone="critical" title={t("privacy.error.title")}>
                <p>{result.error}</p>
              </Banner>
            ) : null}
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  {t("privacy.expect.title")}
                </Text>
                <Text as="p">{t("privacy.expect.intro")}</Text>
                <List type="number">
                  <List.Item>{t("privacy.expect.download")}</List.Item>
                  <List.Item>{t("privacy.expect.send")}</List.Item>
                  <List.Item>{t("privacy.expect.mark")}</List.Item>
                </List>
                <Text as="p" tone="subdued">
                  {t("privacy.expect.retention", { days: retentionDays })}
                </Text>
              </BlockStack>
            </Card>
            <Card padding="0">
              {requests.length === 0 ? (
                <Box padding="400">
                  <BlockStack gap="200">
                    <Text as="h2" variant="headingMd">
                      {t("privacy.empty.title")}
                    </Text>
                    <Text as="p">{t("privacy.empty.body")}</Text>
                  </BlockStack>
                </Box>
              ) : (
                <IndexTable
                  resourceName={{ singular: t("privacy.table.singular"), plural: t("privacy.table.plural") }}
                  itemCount={requests.length}
                  selectable={false}
                  headings={[
                    { title: t("privacy.table.customer") },
                    { title: t("privacy.table.email") },
                    { title: t("privacy.table.requested") },
                    { title: t("privacy.table.expires") },
                    { title: t("privacy.table.orders"), alignment: "end" },
                    { title: t("privacy.table.status") },
                    { title: t("privacy.table.actions") },
                  ]}
                >
                  {requests.map((request, index) => (
                    <IndexTable.Row id={request.id} key={request.id} position={index}>
                      <IndexTable.Cell>
                        <Text as="span" fontWeight="semibold">
                          {customerLabel(request, t)}
                        </Text>
                      </IndexTable.Cell>
                      <IndexTable.Cell>{request.email ?? t("privacy.email.none")}</IndexTable.Cell>
                      <IndexTable.Cell>{dateIn(request.requestedAt)}</IndexTable.Cell>
                      <IndexTable.Cell>{dateIn(request.expiresAt)}</IndexTable.Cell>
                      <IndexTable.Cell>
                        <Text as="span" alignment="end" numeric>
                          {intl.formatNumber(request.ordersCount)}
                        </Text>
                      </IndexTable.Cell>
                      <IndexTable.Cell>
                        {request.handledAt ? (
                          <Badge tone="success">{t("privacy.status.handled")}</Badge>
                        ) : request.downloadedAt ? (
                          <Badge tone="info">{t("privacy.status.downloaded")}</Badge>
                        ) : (
                          <Badge tone="attention">{t("privacy.status.notDownloaded")}</Badge>
                        )}
                      </IndexTable.Cell>
                      <IndexTable.Cell>
                        {request.handledAt ? (
                          <Text as="span" tone="subdued">
                            {t("privacy.copyDeleted")}
                          </Text>
                        ) : (
                          <InlineStack gap="200" wrap={false}>
                            <DownloadLink
                              url={`/app/privacy/${request.id}/download`}
                              filename={`customer-data-request-${request.id}.json`}
                              label={t("privacy.download.label", { customer: customerLabel(request, t) })}
                              text={t("privacy.download.text")}
                              pendingText={t("privacy.download.pending")}
                              onDownloaded={revalidator.revalidate}
                            />
                            <Form method="post">
                              <input type="hidden" name="intent" value="handled" />
                              <input type="hidden" name="id" value={request.id} />
                              <Button
                                submit
                                loading={busyId === request.id}
                                accessibilityLabel={t("privacy.mark.label", {
                                  customer: customerLabel(request, t),
                                })}
                              >
                                {t("privacy.mark.text")}
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
  const { t } = useT();
  return <RouteError pageTitle={t("privacy.page.title")} />;
}
