// One line per namespace: app/i18n/messages/uk/<namespace>.json.
import common from "~/i18n/messages/uk/common.json";
import data from "~/i18n/messages/uk/data.json";
import digestAdmin from "~/i18n/messages/uk/digestAdmin.json";
import privacy from "~/i18n/messages/uk/privacy.json";
import settings from "~/i18n/messages/uk/settings.json";
import type { Catalog } from "~/i18n/message-id";

export const uk = { common, data, digestAdmin, privacy, settings } satisfies Catalog;
