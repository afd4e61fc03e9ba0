// One line per namespace: app/i18n/messages/el/<namespace>.json.
import common from "~/i18n/messages/el/common.json";
import dashboard from "~/i18n/messages/el/dashboard.json";
import digest from "~/i18n/messages/el/digest.json";
import email from "~/i18n/messages/el/email.json";
import period from "~/i18n/messages/el/period.json";
import publicPages from "~/i18n/messages/el/publicPages.json";
import type { Catalog } from "~/i18n/message-id";

export const el = { common, dashboard, digest, email, period, publicPages } satisfies Catalog;
