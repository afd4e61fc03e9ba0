/**
 * Stored sync errors in sentences a merchant can act on. The stored text is written by the import and
 * the daily check for whoever investigates; pages show these sentences and keep the raw text in a
 * "technical details" fold.
 */
import type { MessageId } from "~/i18n/message-id";
import type { Translator } from "~/i18n/translator";

export interface Problem {
  /** What happened, in plain words. */
  readonly what: string;
  /** What the merchant can do, or what the app does about it. */
  readonly next: string;
}

const RETRYING = /; retrying \(attempt (\d+) of (\d+)\)$/;

// Shopify's BulkOperationErrorCode values, as the import stores them in "Shopify's export failed (CODE)".
const EXPORT_CODES: Record<string, MessageId> = {
  ACCESS_DENIED: "data.problem.exportAccessDenied",
  INTERNAL_SERVER_ERROR: "data.problem.exportInternal",
  TIMEOUT: "data.problem.exportTimeout",
};

function importWhat(reason: string): MessageId {
  const code = /^Shopify's export failed \(([A-Z_ ]+)\)/.exec(reason)?.[1];
  if (code) return EXPORT_CODES[code] ?? "data.problem.exportStopped";
  if (reason.startsWith("Shopify refused the export")) return "data.problem.refused";
  if (reason.startsWith("Shopify no longer knows the export")) return "data.problem.lost";
  if (/^Shopify's export was cancel+ed/.test(reason)) return "data.problem.cancelled";
  if (/^Shopify's export was expired|export file expired/.test(reason)) return "data.problem.expired";
  return "data.problem.unexpected";
}

/** A history import error (sync_state.error) in plain words, with what happens next. */
export function importProblem(reason: string, i18n: Translator): Problem {
  const retry = RETRYING.exec(reason);
  const base = retry ? reason.slice(0, retry.index) : reason;
  const partial = base.endsWith("the part it produced was imported");
  const what = partial
    ? i18n.t("data.problem.partial", { what: i18n.t(importWhat(base)) })
    : i18n.t(importWhat(base));
  if (retry) {
    return {
      what,
      next: i18n.t("data.problem.nextRetrying", { attempt: Number(retry[1]), attempts: Number(retry[2]) }),
    };
  }
  if (/ACCESS_DENIED/.test(base)) return { what, next: i18n.t("data.problem.nextApprove") };
  return { what, next: i18n.t("data.problem.nextImportAgain") };
}

/** Why the daily check against Shopify failed (reconcile_run.error), in plain words. */
export function reconcileProblem(reason: string, i18n: Translator): Problem {
  const next = i18n.t("data.check.nextTomorrow");
  if (/throttl|\b429\b/i.test(reason)) return { what: i18n.t("data.check.throttled"), next };
  if (
    /\b(401|403)\b|unauthori[sz]ed|access denied|invalid api key|access token|no offline session/i.test(
      reason,
    )
  )
    return { what: i18n.t("data.check.refused"), next: i18n.t("data.check.refusedNext") };
  if (/fetch failed|ECONN|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|socket|network|\b5\d\d\b|timed? ?out/i.test(reason))
    return { what: i18n.t("data.check.unreachable"), next };
  return { what: i18n.t("data.check.unexpected"), next };
}

const TOPIC_WORDS: Record<string, MessageId> = {
  "orders/create": "data.topic.ordersCreate",
  "orders/updated": "data.topic.ordersUpdated",
  "orders/paid": "data.topic.ordersPaid",
  "orders/cancelled": "data.topic.ordersCancelled",
  "orders/delete": "data.topic.ordersDelete",
  "refunds/create": "data.topic.refundsCreate",
  "customers/create": "data.topic.customersCreate",
  "customers/update": "data.topic.customersUpdate",
  "customers/delete": "data.topic.customersDelete",
  "checkouts/create": "data.topic.checkoutsCreate",
  "checkouts/update": "data.topic.checkoutsUpdate",
  "checkouts/delete": "data.topic.checkoutsDelete",
  "carts/create": "data.topic.cartsCreate",
  "carts/update": "data.topic.cartsUpdate",
  "shop/update": "data.topic.shopUpdate",
  "app/uninstalled": "data.topic.appUninstalled",
  "bulk_operations/finish": "data.topic.bulkFinish",
};

/** "3 order changes" for a webhook topic; an unknown topic reads as "3 updates from Shopify". */
export function topicCount(topic: string, count: number, i18n: Translator): string {
  return i18n.t(TOPIC_WORDS[topic] ?? "data.topic.other", { count });
}
