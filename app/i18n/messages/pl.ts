// One line per namespace: app/i18n/messages/pl/<namespace>.json.
import common from "~/i18n/messages/pl/common.json";
import customers from "~/i18n/messages/pl/customers.json";
import segments from "~/i18n/messages/pl/segments.json";
import clvStory from "~/i18n/messages/pl/clvStory.json";
import type { Catalog } from "~/i18n/message-id";

export const pl = { common, customers, segments, clvStory } satisfies Catalog;
