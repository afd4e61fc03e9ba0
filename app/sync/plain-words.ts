/**
 * Stored sync errors in sentences a merchant can act on. The stored text is written by the import and
 * the daily check for whoever investigates; pages show these sentences and keep the raw text in a
 * "technical details" fold.
 */

export interface Problem {
  /** What happened, in plain words. */
  readonly what: string;
  /** What the merchant can do, or what the app does about it. */
  readonly next: string;
}

const RETRYING = /; retrying \(attempt (\d+) of (\d+)\)$/;

// Shopify's BulkOperationErrorCode values, as the import stores them in "Shopify's export failed (CODE)".
const EXPORT_CODES: Record<string, string> = {
  ACCESS_DENIED: "Shopify did not let Pulse KPI read this part of your store",
  INTERNAL_SERVER_ERROR: "Shopify's export stopped because of a problem on Shopify's side",
  TIMEOUT: "Shopify's export took too long and Shopify stopped it",
};

function importWhat(reason: string): string {
  const code = /^Shopify's export failed \(([A-Z_ ]+)\)/.exec(reason)?.[1];
  if (code) return EXPORT_CODES[code] ?? "Shopify's export stopped before it finished";
  if (reason.startsWith("Shopify refused the export")) return "Shopify did not accept the request to export";
  if (reason.startsWith("Shopify no longer knows the export")) return "Shopify lost track of the export";
  if (/^Shopify's export was cancel+ed/.test(reason)) return "The export was cancelled in Shopify";
  if (/^Shopify's export was expired|export file expired/.test(reason))
    return "Shopify's export file expired before it could be read to the end";
  return "The import stopped because of an unexpected problem";
}

/** A history import error (sync_state.error) in plain words, with what happens next. */
export function importProblem(reason: string): Problem {
  const retry = RETRYING.exec(reason);
  const base = retry ? reason.slice(0, retry.index) : reason;
  const partial = base.endsWith("the part it produced was imported");
  const what = `${importWhat(base)}.${partial ? " What Shopify did export was imported." : ""}`;
  if (retry) {
    return {
      what,
      next: `Pulse KPI tries again by itself in a moment (attempt ${retry[1]} of ${retry[2]}); there is nothing to do.`,
    };
  }
  if (/ACCESS_DENIED/.test(base))
    return {
      what,
      next: "Open Pulse KPI from your Shopify admin to approve its access again, then choose Import history again.",
    };
  return { what, next: "Choose Import history again below. If it fails again, contact Pulse KPI support." };
}

/** Why the daily check against Shopify failed (reconcile_run.error), in plain words. */
export function reconcileProblem(reason: string): Problem {
  const next = "It runs again by itself tomorrow; changes it would have found are picked up then.";
  if (/throttl|\b429\b/i.test(reason))
    return { what: "Shopify asked Pulse KPI to slow down, and the check ran out of time.", next };
  if (
    /\b(401|403)\b|unauthori[sz]ed|access denied|invalid api key|access token|no offline session/i.test(
      reason,
    )
  )
    return {
      what: "Shopify refused Pulse KPI's access to your store.",
      next: "Open Pulse KPI from your Shopify admin so that it can sign in again.",
    };
  if (/fetch failed|ECONN|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|socket|network|\b5\d\d\b|timed? ?out/i.test(reason))
    return { what: "Shopify could not be reached while checking.", next };
  return { what: "An unexpected problem stopped the check.", next };
}

const TOPIC_WORDS: Record<string, [one: string, many: string]> = {
  "orders/create": ["new order", "new orders"],
  "orders/updated": ["order change", "order changes"],
  "orders/paid": ["order payment", "order payments"],
  "orders/cancelled": ["order cancellation", "order cancellations"],
  "orders/delete": ["order deletion", "order deletions"],
  "refunds/create": ["refund", "refunds"],
  "customers/create": ["new customer", "new customers"],
  "customers/update": ["customer change", "customer changes"],
  "customers/delete": ["customer deletion", "customer deletions"],
  "checkouts/create": ["new checkout", "new checkouts"],
  "checkouts/update": ["checkout change", "checkout changes"],
  "checkouts/delete": ["checkout deletion", "checkout deletions"],
  "carts/create": ["new cart", "new carts"],
  "carts/update": ["cart change", "cart changes"],
  "shop/update": ["store settings change", "store settings changes"],
  "app/uninstalled": ["uninstall notice", "uninstall notices"],
  "bulk_operations/finish": ["export notice", "export notices"],
};

/** "3 order changes" for a webhook topic; an unknown topic reads as "3 updates from Shopify". */
export function topicCount(topic: string, count: number): string {
  const [one, many] = TOPIC_WORDS[topic] ?? ["update from Shopify", "updates from Shopify"];
  return `${count.toLocaleString("en")} ${count === 1 ? one : many}`;
}
