import { Form } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, ProgressBar, Text } from "@shopify/polaris";
import { bannerTitle, bannerTone, resourceLabel, resourceLine } from "~/sync/status-format";
import type { SyncStatus } from "~/sync/status.server";
import type { Freshness } from "~/pages/dashboard.server";
import type { InboxHealth } from "~/webhooks/inbox-state.server";

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
  inbox,
}: {
  sync: SyncStatus;
  freshness: Freshness;
  kpis: readonly KpiFreshness[];
  inbox?: InboxHealth;
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
        {inbox ? <InboxLines inbox={inbox} /> : null}
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

const count = (n: number, one: string, many: string) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

/** Webhooks that could not be applied (each with its reason), and any still waiting unusually long. */
function InboxLines({ inbox }: { inbox: InboxHealth }) {
  const { counts, overdue, failures } = inbox;
  if (counts.failed === 0 && overdue === 0)
    return (
      <Text as="p" tone="subdued">
        {counts.received > 0
          ? `No webhook from Shopify has failed to apply; ${count(counts.received, "is", "are")} being applied now.`
          : "Every webhook from Shopify has been applied."}
      </Text>
    );
  return (
    <BlockStack gap="100">
      {counts.failed > 0 ? (
        <Text as="p" tone="critical">
          {count(counts.failed, "webhook", "webhooks")} from Shopify could not be applied, so{" "}
          {counts.failed === 1 ? "its change is" : "their changes are"} missing from the KPIs until the daily
          check against Shopify repairs them.{failures.length > 0 ? " Most recent:" : ""}
        </Text>
      ) : null}
      {failures.length > 0 ? (
        <ul style={{ margin: 0, paddingInlineStart: "1.25rem" }}>
          {failures.map((failure) => (
            <li key={failure.webhookId}>
              <Text as="span" variant="bodySm">
                {failure.topic} received {when(failure.receivedAt)}: {failure.explanation}.{" "}
                <Text as="span" tone="subdued">
                  ({failure.reason}; webhook id {failure.webhookId})
                </Text>
              </Text>
            </li>
          ))}
        </ul>
      ) : null}
      {overdue > 0 ? (
        <Text as="p" tone="caution">
          {count(overdue, "webhook has", "webhooks have")} waited more than 15 minutes to be applied; the app
          keeps retrying {overdue === 1 ? "it" : "them"}.
        </Text>
      ) : null}
    </BlockStack>
  );
}
