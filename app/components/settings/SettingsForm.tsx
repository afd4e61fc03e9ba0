import { Form, useFetcher, useSubmit } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Button,
  Card,
  Checkbox,
  ChoiceList,
  FormLayout,
  InlineGrid,
  InlineStack,
  List,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useRef, useState } from "react";
import type { SettingsField, SettingsFormErrors, SettingsFormValues } from "~/pages/settings-form";
import { monthLabel, spendFieldName } from "~/pages/settings-form";
import { SaveBarSwitch } from "./SaveBarSwitch";

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"].map(
  (label, i) => ({ label, value: String(i + 1) }),
);
const HOURS = Array.from({ length: 24 }, (_, h) => ({
  label: `${String(h).padStart(2, "0")}:00`,
  value: String(h),
}));

interface Recipient {
  email: string;
  unsubscribedText: string | null;
  pendingText: string | null;
}

interface Props {
  saved: SettingsFormValues;
  /** The saved recipients, who of them unsubscribed, and who was asked to opt in again. */
  recipients: readonly Recipient[];
  errors: SettingsFormErrors;
  currency: string;
  timezone: string;
  demo: boolean;
  saving: boolean;
}

/** The settings fields; the save bar appears as soon as anything differs from what is saved. */
export function SettingsForm({ saved, recipients, errors, currency, timezone, demo, saving }: Props) {
  const unsubscribed = recipients.filter((r) => r.unsubscribedText !== null);
  const noneActive = saved.digestEnabled && recipients.length === unsubscribed.length;
  const [values, setValues] = useState(saved);
  const formRef = useRef<HTMLFormElement>(null);
  const submit = useSubmit();
  const dirty = JSON.stringify(values) !== JSON.stringify(saved);
  const set =
    <K extends SettingsField>(field: K) =>
    (value: SettingsFormValues[K]) =>
      setValues((v) => ({ ...v, [field]: value }));
  const save = () => formRef.current && submit(formRef.current, { method: "post" });
  return (
    <Form method="post" ref={formRef} aria-label="Settings">
      <SaveBarSwitch
        open={dirty}
        saving={saving}
        onSave={save}
        onDiscard={() => setValues(saved)}
        demo={demo}
      />
      <BlockStack gap="400">
        <Card>
          <FormLayout>
            <Text as="h2" variant="headingMd">
              How KPIs are counted
            </Text>
            <TextField
              label="Activity window (days)"
              name="activityWindowDays"
              type="number"
              inputMode="numeric"
              value={values.activityWindowDays}
              onChange={set("activityWindowDays")}
              autoComplete="off"
              helpText="A customer counts as active while their last order is at most this many days old. Used by retention and churn. 30 to 730 days; 180 by default."
              error={errors.activityWindowDays}
            />
            <TextField
              label="Abandonment grace time (minutes)"
              name="graceMinutes"
              type="number"
              inputMode="numeric"
              value={values.graceMinutes}
              onChange={set("graceMinutes")}
              autoComplete="off"
              helpText="A checkout or cart without an order counts as abandoned once it is older than this. Shopify uses 10 minutes."
              error={errors.graceMinutes}
            />
            <ChoiceList
              title="Count refunds"
              name="refundAttribution"
              choices={[
                {
                  label: "On the day the refund was processed",
                  value: "refund_date",
                  helpText: "As Shopify's sales reports do.",
                },
                {
                  label: "On the date of the refunded order",
                  value: "order_date",
                  helpText: "A past period's sales change when an old order is refunded.",
                },
              ]}
              selected={[values.refundAttribution]}
              onChange={([choice]) =>
                set("refundAttribution")(choice === "order_date" ? "order_date" : "refund_date")
              }
              error={errors.refundAttribution}
            />
          </FormLayout>
        </Card>
        <Card>
          <FormLayout>
            <Text as="h2" variant="headingMd">
              Costs
            </Text>
            <TextField
              label="Gross margin (%)"
              name="grossMarginPct"
              type="number"
              inputMode="decimal"
              value={values.grossMarginPct}
              onChange={set("grossMarginPct")}
              autoComplete="off"
              suffix="%"
              helpText="What you keep from a sale after the cost of the goods. Gives gross profit and a margin-based lifetime value. Leave empty if unknown."
              error={errors.grossMarginPct}
            />
            <MarketingSpendFields
              spend={values.marketingSpend}
              onChange={set("marketingSpend")}
              errors={errors}
              currency={currency}
              timezone={timezone}
            />
          </FormLayout>
        </Card>
        <Card>
          <FormLayout>
            <Text as="h2" variant="headingMd">
              Weekly digest email
            </Text>
            <Checkbox
              label="Send the weekly digest"
              name="digestEnabled"
              value="on"
              checked={values.digestEnabled}
              onChange={set("digestEnabled")}
              error={errors.digestEnabled}
            />
            <TextField
              label="Recipients"
              name="digestRecipients"
              value={values.digestRecipients}
              onChange={set("digestRecipients")}
              autoComplete="email"
              multiline={2}
              helpText="One or more email addresses, separated by commas (up to 20)."
              error={errors.digestRecipients}
            />
            {unsubscribed.length > 0 ? <InactiveRecipients recipients={unsubscribed} demo={demo} /> : null}
            {noneActive ? (
              <Banner tone="warning" title="No one receives the weekly digest">
                <p>
                  {recipients.length === 0
                    ? "Add an email address above."
                    : "Every recipient has unsubscribed. Add another address above."}
                </p>
              </Banner>
            ) : null}
            <FormLayout.Group>
              <Select
                label="Day"
                name="digestWeekday"
                options={WEEKDAYS}
                value={values.digestWeekday}
                onChange={set("digestWeekday")}
                error={errors.digestWeekday}
              />
              <Select
                label="Hour"
                name="digestHour"
                options={HOURS}
                value={values.digestHour}
                onChange={set("digestHour")}
                helpText={`In your store's time zone (${timezone}).`}
                error={errors.digestHour}
              />
            </FormLayout.Group>
          </FormLayout>
        </Card>
        <InlineStack align="end" gap="200">
          <Button onClick={() => setValues(saved)} disabled={!dirty}>
            Discard
          </Button>
          <Button submit variant="primary" loading={saving} disabled={!dirty}>
            Save
          </Button>
        </InlineStack>
      </BlockStack>
    </Form>
  );
}

interface SpendProps {
  spend: Record<string, string>;
  onChange: (spend: Record<string, string>) => void;
  errors: SettingsFormErrors;
  currency: string;
  timezone: string;
}

/** One money field per local month, newest first, and a way to add a month before the listed ones. */
function MarketingSpendFields({ spend, onChange, errors, currency, timezone }: SpendProps) {
  const months = Object.keys(spend);
  const oldest = months[months.length - 1] ?? "";
  const [older, setOlder] = useState("");
  const olderError =
    older !== "" && !(/^\d{4}-\d{2}$/.test(older) && older < oldest)
      ? `Choose a month before ${monthLabel(oldest)}`
      : undefined;
  const addOlder = () => {
    if (older === "" || olderError) return;
    onChange({ ...spend, [older]: "" });
    setOlder("");
  };
  return (
    <BlockStack gap="300">
      <BlockStack gap="100">
        <Text as="h3" variant="headingSm">
          Marketing spend per month
        </Text>
        <Text as="p" variant="bodySm" tone="subdued">
          {`What you spent on ads and promotion in each calendar month (${timezone}). Gives cost per new customer (CAC), return on ad spend (ROAS) and LTV:CAC for periods whose months all have an amount; a period that covers part of a month gets that month's share by days. Leave a month empty if unknown; 0 means nothing was spent.`}
        </Text>
      </BlockStack>
      <InlineGrid columns={{ xs: 2, md: 3 }} gap="300">
        {months.map((month) => (
          <TextField
            key={month}
            label={monthLabel(month)}
            name={spendFieldName(month)}
            inputMode="decimal"
            value={spend[month] ?? ""}
            onChange={(value) => onChange({ ...spend, [month]: value })}
            autoComplete="off"
            prefix={currency}
            error={errors[spendFieldName(month)]}
          />
        ))}
      </InlineGrid>
      <InlineStack gap="200" blockAlign="end" wrap>
        <div style={{ minWidth: "12rem" }}>
          <TextField
            label="Add an earlier month"
            type="month"
            value={older}
            onChange={setOlder}
            autoComplete="off"
            error={olderError}
          />
        </div>
        <Button onClick={addOlder} disabled={older === "" || olderError !== undefined}>
          Add month
        </Button>
      </InlineStack>
    </BlockStack>
  );
}

/** Recipients who receive nothing: unsubscribed, or waiting to confirm the opt-in email. */
function InactiveRecipients({ recipients, demo }: { recipients: readonly Recipient[]; demo: boolean }) {
  const fetcher = useFetcher<{ optIns: readonly { email: string; status: string }[] }>();
  const busy = fetcher.state !== "idle" ? String(fetcher.formData?.get("email") ?? "") : null;
  const failed = (fetcher.data?.optIns ?? []).filter((o) => o.status === "failed").map((o) => o.email);
  return (
    <BlockStack gap="100">
      <Text as="p" variant="bodySm" tone="subdued">
        These addresses receive nothing until their owner confirms an opt-in email:
      </Text>
      <List type="bullet">
        {recipients.map((r) => (
          <List.Item key={r.email}>
            <InlineStack gap="200" blockAlign="center" wrap>
              <Text as="span">
                {r.pendingText
                  ? `${r.email}: pending, opt-in email sent ${r.pendingText}`
                  : `${r.email}: unsubscribed on ${r.unsubscribedText}`}
              </Text>
              {r.pendingText ? null : (
                <Button
                  size="slim"
                  disabled={demo}
                  loading={busy === r.email}
                  accessibilityLabel={`Send an opt-in email to ${r.email}`}
                  onClick={() => fetcher.submit({ intent: "opt-in", email: r.email }, { method: "post" })}
                >
                  Send opt-in email
                </Button>
              )}
            </InlineStack>
          </List.Item>
        ))}
      </List>
      {failed.length ? (
        <Text as="p" tone="critical">
          {`The opt-in email to ${failed.join(", ")} could not be sent. Try again in a few minutes.`}
        </Text>
      ) : null}
    </BlockStack>
  );
}
