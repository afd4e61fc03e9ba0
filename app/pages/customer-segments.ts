/**
 * The segments of the Customers page, as the nightly job stores them with each prediction
 * (customerSegment in app/clv/customer-segment.ts: chance still active, expected orders, and days since
 * the last order against the customer's own rhythm). Labels, rules and advice in plain words. Pure.
 */
import type { CustomerSegment } from "~/clv/customer-segment";
import {
  CUSTOMER_SEGMENTS,
  nextOrderText as segmentNextOrderText,
  storedSegment,
} from "~/clv/customer-segment";

export type Segment = CustomerSegment;

export interface SegmentInfo {
  readonly value: Segment;
  readonly label: string;
  /** Who is in it, with the thresholds, in plain words. */
  readonly rule: string;
  /** What a merchant can do about them. */
  readonly action: string;
  readonly tone: "success" | "info" | "warning" | "critical";
  /** Why a segment can hold most of a store's customers (said when it holds more than half). */
  readonly whyLarge: string;
}

export const SEGMENTS: readonly SegmentInfo[] = [
  {
    value: "new",
    label: "New",
    rule: "First order in the last 90 days: too soon to tell whether they will come back.",
    action: "Welcome them and win the second order: a follow-up email or a welcome offer.",
    tone: "info",
    whyLarge: "most of your customers placed their first order in the last 90 days",
  },
  {
    value: "active",
    label: "Active",
    rule: "Ordered on at least two different days, chance still active 70 % or more, and not later than 1.5 times their usual gap between orders.",
    action: "Reward and keep them close: early access, loyalty perks.",
    tone: "success",
    whyLarge: "most of your customers are repeat buyers ordering on their usual rhythm",
  },
  {
    value: "promising",
    label: "Promising",
    rule: "One order, 3 to 12 months ago, and the model still gives them a chance of 30 % or more of being active.",
    action: "Win the second order before they drift away: a reminder or a product they may need next.",
    tone: "info",
    whyLarge: "most of your customers ordered once, between 3 and 12 months ago",
  },
  {
    value: "at-risk",
    label: "At risk",
    rule: "Repeat customers past 1.5 times their usual gap between orders, or whose chance of still being active has fallen below 70 %.",
    action: "Reach out now with a win-back offer, before they are gone.",
    tone: "warning",
    whyLarge: "most of your repeat customers are later than usual for their next order",
  },
  {
    value: "lapsed",
    label: "Lapsed",
    rule: "Chance still active below 30 %, or past 3 times their usual gap (a one-order customer: last order over a year ago).",
    action: "A win-back campaign with a reason to return; keep its cost modest.",
    tone: "warning",
    whyLarge: "most of your customers ordered once, more than a year ago, and never again",
  },
  {
    value: "lost",
    label: "Lost",
    rule: "Chance still active below 10 % or far past their rhythm (over 2 years for one order), and no next order expected within a year.",
    action: "Only low-cost reactivation; do not spend much on them.",
    tone: "critical",
    whyLarge: "most of your customers last ordered long ago and the model expects none of them back",
  },
];

export function segmentInfo(segment: Segment): SegmentInfo {
  return SEGMENTS.find((s) => s.value === segment) ?? SEGMENTS[0]!;
}

/** The segment of a stored prediction (its churn_risk column holds the segment; older rows a risk bucket). */
export function segmentOf(stored: string, frequency: number): Segment {
  return storedSegment(stored, frequency);
}

export const isSegment = (value: string | null): value is Segment =>
  (CUSTOMER_SEGMENTS as readonly (string | null)[]).includes(value);

/** "in about 3 months", or "not expected" (always for Lost): the rough mean wait, agreeing with the segment. */
export const nextOrderText = segmentNextOrderText;

/**
 * The sentence the page shows when one segment holds more than half the customers: which, how many,
 * and why the data make it so. null when no segment does.
 */
export function largeSegmentNote(counts: Readonly<Record<Segment | "all", number>>): string | null {
  const all = counts.all;
  if (all <= 0) return null;
  for (const info of SEGMENTS) {
    const n = counts[info.value];
    if (n * 2 > all)
      return `${info.label} holds ${n.toLocaleString("en")} of your ${all.toLocaleString("en")} customers (${Math.round((100 * n) / all)} %) because ${info.whyLarge}.`;
  }
  return null;
}
