/**
 * A customer's segment, from the chosen model's chance they are still active, the orders it expects over
 * the horizon, and the time since their last order measured against their own rhythm (decision 0044,
 * docs/kpi-definitions.md "Customer segments"). Stored with each prediction, so the page, its counts,
 * the CSV, the metafields and the admin block all read the same value (a stable id; only its display is
 * translated, namespace `segments`). Pure.
 */
import type { Translator } from "~/i18n/translator";

export type CustomerSegment = "new" | "active" | "promising" | "at-risk" | "lapsed" | "lost";

export const CUSTOMER_SEGMENTS: readonly CustomerSegment[] = [
  "new",
  "active",
  "promising",
  "at-risk",
  "lapsed",
  "lost",
];

/** A first order this recent is too fresh to judge: the customer is new. */
export const NEW_CUSTOMER_DAYS = 90;
/** Below this chance of still being active a customer is lost, whatever their rhythm. */
export const LOST_P_ALIVE = 0.1;
/** Below this chance (or well past their rhythm) a customer has lapsed. */
export const LAPSED_P_ALIVE = 0.3;
/** Below this chance (or past their rhythm) a repeat customer is at risk. */
export const AT_RISK_P_ALIVE = 0.7;

export interface SegmentInput {
  /** Chance still active, 0–1, from the chosen model. */
  readonly pAlive: number;
  /** Orders expected over the horizon. */
  readonly expectedOrders: number;
  /** Repeat purchase days (purchase days − 1). */
  readonly frequency: number;
  /** Days from the first to the last purchase day. */
  readonly recencyDays: number;
  /** Days from the first purchase day to the end of the data. */
  readonly ageDays: number;
  readonly horizonDays: number;
}

/**
 * Repeat customers: their rhythm is their mean gap between purchase days; past 1.5 gaps they are at risk,
 * past 3 lapsed. One-order customers have no rhythm yet: new for NEW_CUSTOMER_DAYS, promising within the
 * horizon, lapsed after it (BG/NBD would call all of them 100 % active). Nobody is lost while the model
 * still expects a next order within the horizon (one order or more), so "Lost" and a next order date
 * never meet.
 */
export function customerSegment(c: SegmentInput): CustomerSegment {
  const since = Math.max(0, c.ageDays - c.recencyDays);
  const nextWithinHorizon = c.expectedOrders >= 1;
  if (c.frequency <= 0) {
    if (since <= NEW_CUSTOMER_DAYS && c.pAlive >= LAPSED_P_ALIVE) return "new";
    if (!nextWithinHorizon && (c.pAlive < LOST_P_ALIVE || since > 2 * c.horizonDays)) return "lost";
    if (c.pAlive < LAPSED_P_ALIVE || since > c.horizonDays) return "lapsed";
    return "promising";
  }
  const gap = Math.max(1, c.recencyDays / c.frequency);
  const overdue = since / gap;
  if (!nextWithinHorizon && (c.pAlive < LOST_P_ALIVE || (overdue > 6 && since > c.horizonDays)))
    return "lost";
  if (c.pAlive < LAPSED_P_ALIVE || overdue > 3) return "lapsed";
  if (c.pAlive < AT_RISK_P_ALIVE || overdue > 1.5) return "at-risk";
  return "active";
}

/**
 * "in about 3 months", from the expected orders over the horizon (a rough mean wait, stated as such).
 * Lost customers get no wait: the model does not expect them back, and a date would say it does.
 */
export function nextOrderText(
  segment: CustomerSegment,
  expectedOrders: number,
  horizonDays: number,
  i18n: Translator,
): string {
  if (segment === "lost" || !(expectedOrders >= 0.1)) return i18n.t("segments.next.notExpected");
  const days = horizonDays / expectedOrders;
  if (days > horizonDays) return i18n.t("segments.next.notWithinYear");
  if (days < 14) return i18n.t("segments.next.days", { count: Math.max(1, Math.round(days)) });
  if (days < 60) return i18n.t("segments.next.weeks", { count: Math.round(days / 7) });
  return i18n.t("segments.next.months", { count: Math.round(days / 30.4) });
}

/** Rows stored before segments were (churn-risk buckets then): read as the nearest segment. */
export function storedSegment(stored: string, frequency: number): CustomerSegment {
  if ((CUSTOMER_SEGMENTS as readonly string[]).includes(stored)) return stored as CustomerSegment;
  if (stored === "lost") return "lost";
  if (stored === "low") return frequency > 0 ? "active" : "promising";
  if (stored === "high") return "lapsed";
  return "at-risk";
}
