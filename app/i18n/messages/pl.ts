// One line per namespace: app/i18n/messages/pl/<namespace>.json.
import common from "~/i18n/messages/pl/common.json";
import digest from "~/i18n/messages/pl/digest.json";
import email from "~/i18n/messages/pl/email.json";
import publicPages from "~/i18n/messages/pl/publicPages.json";
import type { Catalog } from "~/i18n/message-id";

export const pl = { common, digest, email, publicPages } satisfies Catalog;
