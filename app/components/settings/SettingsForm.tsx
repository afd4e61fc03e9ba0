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
import { useMemo, useRef, useState } from "react";
import { useT } from "~/i18n/I18nProvider";
import { LANGUAGE_NAMES, LANGUAGES, type Language } from "~/i18n/locales";
import type { Translator } from "~/i18n/translator";
import type { SettingsField, SettingsFormErrors, SettingsFormValues } from "~/pages/settings-form";
import { monthLabel, spendFieldName } from "~/pages/settings-form";
import { SaveBarSwitch } from "./SaveBarSwitch";

/** Monday to Sunday in the reader's language, valued 1–7 (ISO weekdays). */
function weekdayOptions(i18n: Translator) {
  // 2024-01-01 was a Monday.
  return Array.from({ length: 7 }, (_, i) => ({
    label: i18n.intl.formatDate(new Date(Date.UTC(2024, 0, 1 + i)), { weekday: "long", timeZone: "UTC" }),
    value: String(i + 1),
  }));
}
const HOURS = Array.from({ length: 24 }, (_, h) => ({
  label: `${String(h).padStart(2, "0")}:00`,
  value: String(h),
}));
// Each language in itself, so a reader finds theirs whatever the page speaks now.
const LANGUAGE_OPTIONS = LANGUAGES.map((language) => ({ label: LANGUAGE_NAMES[language], value: language }));

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
  /** The language the reader's Shopify admin speaks (what "Same as my Shopify admin" means now). */
  shopifyLanguage: Language;
  /** The language the digest speaks when the shop chose none: its primary language in Shopify. */
  primaryLanguage: Language;
  demo: boolean;
  saving: boolean;
}

/** The settings fields; the save bar appears as soon as anything differs from what is saved. */
export function SettingsForm(props: Props) {
  const { saved, recipients, errors, currency, timezone, shopifyLanguage, primaryLanguage, demo, saving } =
    props;
  const i18n = useT();
  const { t } = i18n;
  const weekdays = useMemo(() => weekdayOptions(i18n), [i18n]);
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
    <Form method="post" ref={formRef} aria-label={t("settings.form.label")}>
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
              {t("settings.kpis.title")}
            </Text>
            <TextField
              label={t("settings.activityWindow.label")}
              name="activityWindowDays"
              type="number"
              inputMode="numeric"
              value={values.activityWindowDays}
              onChange={set("activityWindowDays")}
              autoComplete="off"
              helpText={t("settings.activityWindow.help")}
              error={errors.activityWindowDays}
            />
            <TextField
              label={t("settings.grace.label")}
              name="graceMinutes"
              type="number"
              inputMode="numeric"
              value={values.graceMinutes}
              onChange={set("graceMinutes")}
              autoComplete="off"
              helpText={t("settings.grace.help")}
              error={errors.graceMinutes}
            />
            <ChoiceList
              title={t("settings.refunds.title")}
              name="refundAttribution"
              choices={[
                {
                  label: t("settings.refunds.refundDate"),
                  value: "refund_date",
                  helpText: t("settings.refunds.refundDateHelp"),
                },
                {
                  label: t("settings.refunds.orderDate"),
                  value: "order_date",
                  helpText: t("settings.refunds.orderDateHelp"),
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
              {t("settings.costs.title")}
            </Text>
            <TextField
              label={t("settings.margin.label")}
              name="grossMarginPct"
              type="number"
              inputMode="decimal"
              value={values.grossMarginPct}
              onChange={set("grossMarginPct")}
              autoComplete="off"
              suffix="%"
              helpText={t("settings.margin.help")}
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
              {t("settings.digest.title")}
            </Text>
            <Checkbox
              label={t("settings.digest.enabled")}
              name="digestEnabled"
              value="on"
              checked={values.digestEnabled}
              onChange={set("digestEnabled")}
              error={errors.digestEnabled}
            />
            <TextField
              label={t("settings.digest.recipients")}
              name="digestRecipients"
              value={values.digestRecipients}
              onChange={set("digestRecipients")}
              autoComplete="email"
              multiline={2}
              helpText={t("settings.digest.recipientsHelp")}
              error={errors.digestRecipients}
            />
            {unsubscribed.length > 0 ? <InactiveRecipients recipients={unsubscribed} demo={demo} /> : null}
            {noneActive ? (
              <Banner tone="warning" title={t("settings.digest.noneTitle")}>
                <p>
                  {recipients.length === 0
                    ? t("settings.digest.noneEmpty")
                    : t("settings.digest.noneUnsubscribed")}
                </p>
              </Banner>
            ) : null}
            <FormLayout.Group>
              <Select
                label={t("settings.digest.day")}
                name="digestWeekday"
                options={weekdays}
                value={values.digestWeekday}
                onChange={set("digestWeekday")}
                error={errors.digestWeekday}
              />
              <Select
                label={t("settings.digest.hour")}
                name="digestHour"
                options={HOURS}
                value={values.digestHour}
                onChange={set("digestHour")}
                helpText={t("settings.digest.hourHelp", { timezone })}
                error={errors.digestHour}
              />
            </FormLayout.Group>
          </FormLayout>
        </Card>
        <Card>
          <FormLayout>
            <Text as="h2" variant="headingMd">
              {t("settings.language.title")}
            </Text>
            <Select
              label={t("settings.language.admin")}
              name="adminLanguage"
              options={[
                {
                  label: t("settings.language.adminFollow", { language: LANGUAGE_NAMES[shopifyLanguage] }),
                  value: "",
                },
                ...LANGUAGE_OPTIONS,
              ]}
              value={values.adminLanguage}
              onChange={set("adminLanguage")}
              helpText={t("settings.language.adminHelp")}
              error={errors.adminLanguage}
            />
            <Select
              label={t("settings.language.digest")}
              name="digestLanguage"
              options={[
                {
                  label: t("settings.language.digestDefault", { language: LANGUAGE_NAMES[primaryLanguage] }),
                  value: "",
                },
                ...LANGUAGE_OPTIONS,
              ]}
              value={values.digestLanguage}
              onChange={set("digestLanguage")}
              helpText={t("settings.language.digestHelp")}
              error={errors.digestLanguage}
            />
          </FormLayout>
        </Card>
        <InlineStack align="end" gap="200">
          <Button onClick={() => setValues(saved)} disabled={!dirty}>
            {t("settings.actions.discard")}
          </Button>
          <Button submit variant="primary" loading={saving} disabled={!dirty}>
            {t("settings.actions.save")}
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
  const i18n = useT();
  const { t } = i18n;
  const months = Object.keys(spend);
  const oldest = months[months.length - 1] ?? "";
  const [older, setOlder] = useState("");
  const olderError =
    older !== "" && !(/^\d{4}-\d{2}$/.test(older) && older < oldest)
      ? t("settings.spend.olderError", { month: monthLabel(oldest, i18n) })
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
          {t("settings.spend.title")}
        </Text>
        <Text as="p" variant="bodySm" tone="subdued">
          {t("settings.spend.help", { timezone })}
        </Text>
      </BlockStack>
      <InlineGrid columns={{ xs: 2, md: 3 }} gap="300">
        {months.map((month) => (
          <TextField
            key={month}
            label={monthLabel(month, i18n)}
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
            label={t("settings.spend.addLabel")}
            type="month"
            value={older}
            onChange={setOlder}
            autoComplete="off"
            error={olderError}
          />
        </div>
        <Button onClick={addOlder} disabled={older === "" || olderError !== undefined}>
          {t("settings.spend.addButton")}
        </Button>
      </InlineStack>
    </BlockStack>
  );
}

/** Recipients who receive nothing: unsubscribed, or waiting to confirm the opt-in email. */
function InactiveRecipients({ recipients, demo }: { recipients: readonly Recipient[]; demo: boolean }) {
  const { t, intl } = useT();
  const fetcher = useFetcher<{ optIns: readonly { email: string; status: string }[] }>();
  const busy = fetcher.state !== "idle" ? String(fetcher.formData?.get("email") ?? "") : null;
  const failed = (fetcher.data?.optIns ?? []).filter((o) => o.status === "failed").map((o) => o.email);
  return (
    <BlockStack gap="100">
      <Text as="p" variant="bodySm" tone="subdued">
        {t("settings.inactive.intro")}
      </Text>
      <List type="bullet">
        {recipients.map((r) => (
          <List.Item key={r.email}>
            <InlineStack gap="200" blockAlign="center" wrap>
              <Text as="span">
                {r.pendingText
                  ? t("settings.inactive.pending", { email: r.email, when: r.pendingText })
                  : t("settings.inactive.unsubscribed", { email: r.email, when: r.unsubscribedText })}
              </Text>
              {r.pendingText ? null : (
                <Button
                  size="slim"
                  disabled={demo}
                  loading={busy === r.email}
                  accessibilityLabel={t("settings.inactive.sendLabel", { email: r.email })}
                  onClick={() => fetcher.submit({ intent: "opt-in", email: r.email }, { method: "post" })}
                >
                  {t("settings.inactive.send")}
                </Button>
              )}
            </InlineStack>
          </List.Item>
        ))}
      </List>
      {failed.length ? (
        <Text as="p" tone="critical">
          {t("settings.inactive.failed", { emails: intl.formatList(failed) })}
        </Text>
      ) : null}
    </BlockStack>
  );
}
