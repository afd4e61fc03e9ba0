// One line per namespace: app/i18n/messages/el/<namespace>.json.
import common from "~/i18n/messages/el/common.json";
import dashboard from "~/i18n/messages/el/dashboard.json";
import period from "~/i18n/messages/el/period.json";
import type { Catalog } from "~/i18n/message-id";

export const el = { common, dashboard, period } satisfies Catalog;
