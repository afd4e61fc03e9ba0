import common from "~/i18n/messages/en/common.json";

/** English shell messages for an error page whose layout loader failed (no catalogue came with it). */
export const FALLBACK_MESSAGES: Record<string, string> = Object.fromEntries(
  Object.entries(common).map(([key, message]) => [`common.${key}`, message]),
);
