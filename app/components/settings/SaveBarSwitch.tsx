import { SaveBar } from "@shopify/app-bridge-react";
import { ContextualSaveBar } from "@shopify/polaris";
import { useT } from "~/i18n/I18nProvider";

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
  const { t } = useT();
  if (demo) {
    return open ? (
      <ContextualSaveBar
        message={t("settings.saveBar.message")}
        saveAction={{ content: t("settings.actions.save"), onAction: onSave, loading: saving }}
        discardAction={{ content: t("settings.actions.discard"), onAction: onDiscard }}
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
