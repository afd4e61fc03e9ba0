// One line per namespace: app/i18n/messages/pl/<namespace>.json.
import common from "~/i18n/messages/pl/common.json";
import dashboard from "~/i18n/messages/pl/dashboard.json";
import digest from "~/i18n/messages/pl/digest.json";
import email from "~/i18n/messages/pl/email.json";
import period from "~/i18n/messages/pl/period.json";
import publicPages from "~/i18n/messages/pl/publicPages.json";
import type { Catalog } from "~/i18n/message-id";

export const pl = { common, dashboard, digest, email, period, publicPages } satisfies Catalog;
