// One line per namespace: app/i18n/messages/uk/<namespace>.json.
import common from "~/i18n/messages/uk/common.json";
import customers from "~/i18n/messages/uk/customers.json";
import segments from "~/i18n/messages/uk/segments.json";
import clvStory from "~/i18n/messages/uk/clvStory.json";
import type { Catalog } from "~/i18n/message-id";

export const uk = { common, customers, segments, clvStory } satisfies Catalog;
