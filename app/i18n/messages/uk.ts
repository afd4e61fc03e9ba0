// One line per namespace: app/i18n/messages/uk/<namespace>.json.
import common from "~/i18n/messages/uk/common.json";
import digest from "~/i18n/messages/uk/digest.json";
import email from "~/i18n/messages/uk/email.json";
import publicPages from "~/i18n/messages/uk/publicPages.json";
import type { Catalog } from "~/i18n/message-id";

export const uk = { common, digest, email, publicPages } satisfies Catalog;
