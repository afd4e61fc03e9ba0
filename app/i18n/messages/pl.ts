// One line per namespace: app/i18n/messages/pl/<namespace>.json.
import common from "~/i18n/messages/pl/common.json";
import dashboard from "~/i18n/messages/pl/dashboard.json";
import period from "~/i18n/messages/pl/period.json";
import type { Catalog } from "~/i18n/message-id";

export const pl = { common, dashboard, period } satisfies Catalog;
