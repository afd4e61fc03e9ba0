// One line per namespace: app/i18n/messages/el/<namespace>.json.
import common from "~/i18n/messages/el/common.json";
import type { Catalog } from "~/i18n/message-id";

export const el = { common } satisfies Catalog;
