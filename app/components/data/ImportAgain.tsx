import { useFetcher } from "@remix-run/react";
import { BlockStack, Button, InlineStack, Modal, Text } from "@shopify/polaris";
import { useState } from "react";

/** "Import history again", asked for only after a confirmation that says what it does. */
export function ImportAgain({ disabled }: { disabled: boolean }) {
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
          Import history again
        </Button>
      </InlineStack>
      {disabled ? (
        <Text as="p" variant="bodySm" tone="subdued">
          Available once the import that is running now has finished.
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
        title="Import your store's history again?"
        primaryAction={{ content: "Import again", onAction: start }}
        secondaryActions={[{ content: "Cancel", onAction: () => setOpen(false) }]}
      >
        <Modal.Section>
          <BlockStack gap="200">
            <Text as="p">
              Pulse KPI asks Shopify for a fresh export of all your orders, customers and abandoned checkouts,
              and reads it from the start. Nothing is deleted: records already here are updated, never
              counted twice.
            </Text>
            <Text as="p">
              It takes a few minutes for most stores and up to an hour for large ones. Until it finishes,
              your KPIs stay visible but may be incomplete, and the dashboard shows the progress.
            </Text>
          </BlockStack>
        </Modal.Section>
      </Modal>
    </BlockStack>
  );
}
