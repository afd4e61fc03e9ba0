// One line per namespace: app/i18n/messages/el/<namespace>.json.
import common from "~/i18n/messages/el/common.json";
import customers from "~/i18n/messages/el/customers.json";
import segments from "~/i18n/messages/el/segments.json";
import clvStory from "~/i18n/messages/el/clvStory.json";
import type { Catalog } from "~/i18n/message-id";

export const el = { common, customers, segments, clvStory } satisfies Catalog;
