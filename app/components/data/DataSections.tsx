import { Banner, BlockStack, Card, ProgressBar, Text } from "@shopify/polaris";
import type { DataPageData } from "~/pages/data-page.server";
import { useImportBanner } from "~/components/useImportBanner";
import { useT } from "~/i18n/I18nProvider";
import { ImportAgain } from "./ImportAgain";
import { TechnicalDetails } from "./TechnicalDetails";

/** The Data page's cards: history import, live updates, daily check, KPI freshness. */
export function DataSections({ data }: { data: DataPageData }) {
  const { t } = useT();
  return (
    <BlockStack gap="400">
      <ImportCard data={data} />
      <WebhooksCard webhooks={data.webhooks} />
      <ReconcileCard reconcile={data.reconcile} />
      <Card>
        <BlockStack gap="200">
          <Text as="h2" variant="headingMd">
            {t("data.freshness.heading")}
          </Text>
          <Text as="p">{data.freshness}</Text>
        </BlockStack>
      </Card>
    </BlockStack>
  );
}

function ImportCard({ data }: { data: DataPageData }) {
  const { t } = useT();
  const section = data.importing;
  // Follows a running import without a reload; the page's loader runs again when it ends.
  const live = useImportBanner(data.banner);
  const running = live.kind === "running";
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("data.import.heading")}
        </Text>
        <Text as="p" fontWeight="semibold" id="data-import-title">
          {running ? t("data.import.running", { percent: live.percent / 100 }) : section.title}
        </Text>
        {running ? (
          <ProgressBar progress={live.percent} size="small" ariaLabelledBy="data-import-title" />
        ) : null}
        <Text as="p" tone="subdued">
          {section.summary}
        </Text>
        {section.resources.length > 0 ? (
          <ul style={{ margin: 0, paddingInlineStart: "1.25rem" }}>
            {section.resources.map((resource) => (
              <li key={resource.label}>
                <Text as="span">{t("data.resource.line", { label: resource.label, line: resource.line })}</Text>
              </li>
            ))}
          </ul>
        ) : null}
        {section.problems.length > 0 ? (
          <Banner tone={section.running ? "info" : "warning"}>
            <BlockStack gap="200">
              {section.problems.map((problem) => (
                <Text as="p" key={problem.label}>
                  <Text as="span" fontWeight="semibold">
                    {t("data.import.problem", { label: problem.label })}
                  </Text>{" "}
                  {problem.what} {problem.next}
                </Text>
              ))}
            </BlockStack>
          </Banner>
        ) : null}
        {section.scopeNote ? (
          <Banner tone="warning" title={t("data.import.scopeTitle")}>
            <p>{section.scopeNote}</p>
          </Banner>
        ) : null}
        <TechnicalDetails lines={section.technical} />
        <ImportAgain disabled={!section.canImportAgain || running} />
      </BlockStack>
    </Card>
  );
}

function WebhooksCard({ webhooks }: { webhooks: DataPageData["webhooks"] }) {
  const { t } = useT();
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          {t("data.webhooks.heading")}
        </Text>
        <Text as="p">{webhooks.lastText}</Text>
        {webhooks.lines.map((line) => (
          <Text as="p" key={line} tone={webhooks.healthy ? "subdued" : undefined}>
            {line}
          </Text>
        ))}
        <TechnicalDetails lines={webhooks.technical} />
      </BlockStack>
    </Card>
  );
}

function ReconcileCard({ reconcile }: { reconcile: DataPageData["reconcile"] }) {
  const { t } = useT();
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          {t("data.reconcile.heading")}
        </Text>
        <Text as="p">{reconcile.text}</Text>
        {reconcile.problem ? (
          <Text as="p">
            {reconcile.problem.what} {reconcile.problem.next}
          </Text>
        ) : null}
        <TechnicalDetails lines={reconcile.technical} />
      </BlockStack>
    </Card>
  );
}
