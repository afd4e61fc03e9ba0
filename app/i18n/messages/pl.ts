// One line per namespace: app/i18n/messages/pl/<namespace>.json.
import common from "~/i18n/messages/pl/common.json";
import data from "~/i18n/messages/pl/data.json";
import digestAdmin from "~/i18n/messages/pl/digestAdmin.json";
import privacy from "~/i18n/messages/pl/privacy.json";
import settings from "~/i18n/messages/pl/settings.json";
import type { Catalog } from "~/i18n/message-id";

export const pl = { common, data, digestAdmin, privacy, settings } satisfies Catalog;
