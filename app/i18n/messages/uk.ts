// One line per namespace: app/i18n/messages/uk/<namespace>.json.
import common from "~/i18n/messages/uk/common.json";
import type { Catalog } from "~/i18n/message-id";

export const uk = { common } satisfies Catalog;
