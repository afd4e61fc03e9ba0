/**
 * Churn-risk segments of the Customers page, built on the engine's risk buckets (churnRiskSegment in
 * app/clv/clv-model.server.ts: risk = 1 − P(alive) below 30 % low, 60 % medium, 90 % high, else lost).
 * BG/NBD gives every one-order customer P(alive) = 100 % (nobody can drop out before a second order), so
 * one-order customers get their own segment instead of passing for loyal. Pure.
 */

export type Segment = "loyal" | "promising" | "at-risk" | "lost";

export interface SegmentInfo {
  readonly value: Segment;
  readonly label: string;
  /** Who is in it, with the thresholds, in plain words. */
  readonly rule: string;
  /** What a merchant can do about them. */
  readonly action: string;
  readonly tone: "success" | "info" | "warning" | "critical";
}

export const SEGMENTS: readonly SegmentInfo[] = [
  {
    value: "loyal",
    label: "Loyal",
    rule: "Ordered on at least two different days and still very likely to buy (chance still active 70 % or more).",
    action: "Reward and keep them close: early access, loyalty perks.",
    tone: "success",
  },
  {
    value: "promising",
    label: "Promising",
    rule: "One order so far. The model cannot tell yet whether they will return, so it treats them as active.",
    action: "Win the second order: a follow-up email or a welcome offer.",
    tone: "info",
  },
  {
    value: "at-risk",
    label: "At risk",
    rule: "Repeat customers whose chance of still being active has fallen to between 10 % and 70 %.",
    action: "Reach out now with a win-back offer, before they are gone.",
    tone: "warning",
  },
  {
    value: "lost",
    label: "Lost",
    rule: "Chance of still being active below 10 %: long overdue compared with their usual rhythm.",
    action: "Only low-cost reactivation; do not spend much on them.",
    tone: "critical",
  },
];

export function segmentInfo(segment: Segment): SegmentInfo {
  return SEGMENTS.find((s) => s.value === segment) ?? SEGMENTS[0]!;
}

/** The segment of a stored prediction (its engine risk bucket and repeat purchase days). */
export function segmentOf(churnRisk: string, frequency: number): Segment {
  if (churnRisk === "lost") return "lost";
  if (churnRisk === "low") return frequency > 0 ? "loyal" : "promising";
  return "at-risk";
}

export const isSegment = (value: string | null): value is Segment => SEGMENTS.some((s) => s.value === value);

/** "in about 3 months", from the expected orders over the horizon (a rough mean wait, stated as such). */
export function nextOrderText(expectedOrders: number, horizonDays: number): string {
  if (!(expectedOrders >= 0.1)) return "not expected within a year";
  const days = horizonDays / expectedOrders;
  if (days < 14) return `in about ${Math.max(1, Math.round(days))} days`;
  if (days < 60) return `in about ${Math.round(days / 7)} weeks`;
  return `in about ${Math.round(days / 30.4)} months`;
}
