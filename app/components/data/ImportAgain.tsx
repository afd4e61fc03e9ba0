import { useFetcher } from "@remix-run/react";
import { BlockStack, Button, InlineStack, Modal, Text } from "@shopify/polaris";
import { useState } from "react";
import { useT } from "~/i18n/I18nProvider";

/** "Import history again", asked for only after a confirmation that says what it does. */
export function ImportAgain({ disabled }: { disabled: boolean }) {
  const { t } = useT();
  const [open, setOpen] = useState(false);
  const fetcher = useFetcher<{ ok: boolean; message: string }>();
  const submitting = fetcher.state !== "idle";
  const start = () => {
    fetcher.submit({}, { method: "post" });
    setOpen(false);
  };
  return (
    <BlockStack gap="200">
      <InlineStack>
        <Button onClick={() => setOpen(true)} disabled={disabled || submitting} loading={submitting}>
          {t("data.importAgain.button")}
        </Button>
      </InlineStack>
      {disabled ? (
        <Text as="p" variant="bodySm" tone="subdued">
          {t("data.importAgain.disabled")}
        </Text>
      ) : null}
      {fetcher.data && !submitting ? (
        <Text as="p" tone={fetcher.data.ok ? "success" : "critical"}>
          {fetcher.data.message}
        </Text>
      ) : null}
      <Modal
        open={open}
        onClose={() => setOpen(false)}
        title={t("data.importAgain.title")}
        primaryAction={{ content: t("data.importAgain.confirm"), onAction: start }}
        secondaryActions={[{ content: t("data.importAgain.cancel"), onAction: () => setOpen(false) }]}
      >
        <Modal.Section>
          <BlockStack gap="200">
            <Text as="p">{t("data.importAgain.what")}</Text>
            <Text as="p">{t("data.importAgain.duration")}</Text>
          </BlockStack>
        </Modal.Section>
      </Modal>
    </BlockStack>
  );
}
