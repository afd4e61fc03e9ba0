import { Form } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, ProgressBar, Text } from "@shopify/polaris";
import { bannerTitle, bannerTone, resourceLabel, resourceLine } from "~/sync/status-format";
import type { SyncStatus } from "~/sync/status.server";
import type { Freshness } from "~/pages/dashboard.server";

const when = (iso: string | null) => (iso ? new Date(iso).toUTCString() : "never");

export interface KpiFreshness {
  readonly title: string;
  readonly computedText: string | null;
}

/**
 * History import progress (percent, ETA), webhook health and the daily check against Shopify (the
 * backfill engineer's section, moved here unchanged), plus how fresh the KPI figures are.
 */
export function SyncStatusSection({
  sync,
  freshness,
  kpis,
}: {
  sync: SyncStatus;
  freshness: Freshness;
  kpis: readonly KpiFreshness[];
}) {
  const running = sync.phase === "exporting" || sync.phase === "importing" || sync.phase === "retrying";
  const missed = sync.reconciliation
    ? sync.reconciliation.missed.orders +
      sync.reconciliation.missed.customers +
      sync.reconciliation.missed.checkouts
    : 0;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Data sync
        </Text>
        <Banner tone={bannerTone(sync)} title={bannerTitle(sync)}>
          {sync.scopeLimited ? (
            <p>
              Shopify only shares the last {sync.limitedHistoryDays} days of orders with apps that have not
              been granted access to all orders, so orders before{" "}
              {sync.historyFrom ? new Date(sync.historyFrom).toDateString() : "that"} are missing and KPIs
              that look further back (retention, CLV, year-on-year) are incomplete. Approving &quot;read all
              orders&quot; for Pulse KPI lets it import the full history.
            </p>
          ) : null}
          {sync.phase === "not-started" ? (
            <p>The import starts when the app is installed, or with the button below.</p>
          ) : null}
        </Banner>
        {running ? (
          <ProgressBar progress={sync.percent} size="small" ariaLabelledBy="sync-progress-label" />
        ) : null}
        {running ? (
          <Text as="span" visuallyHidden id="sync-progress-label">
            History import progress
          </Text>
        ) : null}
        {sync.resources.map((resource) => (
          <Text as="p" key={resource.resource}>
            <Text as="span" fontWeight="semibold">
              {resourceLabel(resource.resource)}:
            </Text>{" "}
            {resourceLine(resource)}
          </Text>
        ))}
        <Text as="p" tone="subdued">
          Last webhook received: {when(sync.lastWebhookAt)}. Last export-finished notice from Shopify:{" "}
          {when(sync.lastFinishWebhookAt)}.
        </Text>
        <Text as="p" tone="subdued">
          {sync.reconciliation
            ? sync.reconciliation.status === "failed"
              ? `The last daily check against Shopify (${when(sync.reconciliation.startedAt)}) failed: ${sync.reconciliation.error ?? "unknown error"}.`
              : `Daily check against Shopify, ${when(sync.reconciliation.startedAt)}: ${sync.reconciliation.fetched.toLocaleString("en")} changed records read, ${missed.toLocaleString("en")} missed by webhooks and repaired (${sync.reconciliation.missed.orders} orders, ${sync.reconciliation.missed.customers} customers, ${sync.reconciliation.missed.checkouts} checkouts).`
            : "The daily check against Shopify runs once the history import has finished."}
        </Text>
        <BlockStack gap="100">
          <Text as="h3" variant="headingSm">
            KPI freshness
          </Text>
          <Text as="p" tone="subdued">
            {freshness.computedText
              ? `KPIs were last recomputed ${freshness.ageText} (${freshness.computedText}); new orders show up within a few minutes.`
              : "No KPI has been computed yet: figures appear once the first orders are imported."}
          </Text>
          {freshness.computedText ? (
            <ul style={{ margin: 0, paddingInlineStart: "1.25rem" }}>
              {kpis.map((kpi) => (
                <li key={kpi.title}>
                  <Text as="span" variant="bodySm">
                    {kpi.title}: {kpi.computedText ?? "no figure for this period yet"}
                  </Text>
                </li>
              ))}
            </ul>
          ) : null}
        </BlockStack>
        {!running ? (
          <Form method="post">
            <Button submit>Import history again</Button>
          </Form>
        ) : null}
      </BlockStack>
    </Card>
  );
}
