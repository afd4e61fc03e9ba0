import { SaveBar } from "@shopify/app-bridge-react";
import { ContextualSaveBar } from "@shopify/polaris";

interface Props {
  open: boolean;
  saving: boolean;
  onSave(): void;
  onDiscard(): void;
  /** The demo has no Shopify admin around it: Polaris' own bar (inside the layout's Frame) instead of App Bridge's. */
  demo: boolean;
}

/** The contextual save bar: App Bridge's in the Shopify admin, Polaris' in the stand-alone demo. */
export function SaveBarSwitch({ open, saving, onSave, onDiscard, demo }: Props) {
  if (demo) {
    return open ? (
      <ContextualSaveBar
        message="Unsaved changes"
        saveAction={{ content: "Save", onAction: onSave, loading: saving }}
        discardAction={{ content: "Discard", onAction: onDiscard }}
      />
    ) : null;
  }
  return (
    <SaveBar id="settings-save-bar" open={open}>
      {/* App Bridge reads `variant` and `loading` on the save bar's buttons (ui-save-bar API). */}
      {/* eslint-disable-next-line react/no-unknown-property */}
      <button variant="primary" onClick={onSave} loading={saving ? "" : undefined}></button>
      <button onClick={onDiscard}></button>
    </SaveBar>
  );
}
