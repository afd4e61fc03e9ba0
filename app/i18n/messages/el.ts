// One line per namespace: app/i18n/messages/el/<namespace>.json.
import common from "~/i18n/messages/el/common.json";
import digest from "~/i18n/messages/el/digest.json";
import email from "~/i18n/messages/el/email.json";
import publicPages from "~/i18n/messages/el/publicPages.json";
import type { Catalog } from "~/i18n/message-id";

export const el = { common, digest, email, publicPages } satisfies Catalog;
