/**
 * The segments of the Customers page, as the nightly job stores them with each prediction
 * (customerSegment in app/clv/customer-segment.ts: chance still active, expected orders, and days since
 * the last order against the customer's own rhythm). Names, rules and advice live in namespace
 * `segments`, so a segment has one name on the page, in the CSV and in the admin block. Pure.
 */
import type { CustomerSegment } from "~/clv/customer-segment";
import {
  CUSTOMER_SEGMENTS,
  nextOrderText as segmentNextOrderText,
  storedSegment,
} from "~/clv/customer-segment";
import type { Translator } from "~/i18n/translator";

export type Segment = CustomerSegment;

export type SegmentTone = "success" | "info" | "warning" | "critical";

export interface SegmentInfo {
  readonly value: Segment;
  readonly label: string;
  /** Who is in it, with the thresholds, in plain words. */
  readonly rule: string;
  /** What a merchant can do about them. */
  readonly action: string;
  readonly tone: SegmentTone;
  /** Why a segment can hold most of a store's customers (said when it holds more than half). */
  readonly whyLarge: string;
}

/** The segments in the page's order, with the badge tone of each. */
export const SEGMENTS: readonly { readonly value: Segment; readonly tone: SegmentTone }[] = [
  { value: "new", tone: "info" },
  { value: "active", tone: "success" },
  { value: "promising", tone: "info" },
  { value: "at-risk", tone: "warning" },
  { value: "lapsed", tone: "warning" },
  { value: "lost", tone: "critical" },
];

/** A segment's name, rule, advice and tone in the translator's language. */
export function segmentInfo(segment: Segment, i18n: Translator): SegmentInfo {
  const { value, tone } = SEGMENTS.find((s) => s.value === segment) ?? SEGMENTS[0]!;
  return {
    value,
    tone,
    label: i18n.t(`segments.${value}.name`),
    rule: i18n.t(`segments.${value}.rule`),
    action: i18n.t(`segments.${value}.action`),
    whyLarge: i18n.t(`segments.${value}.whyLarge`),
  };
}

/** Every segment, in order, in the translator's language. */
export const segmentInfos = (i18n: Translator): SegmentInfo[] =>
  SEGMENTS.map((s) => segmentInfo(s.value, i18n));

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
export function largeSegmentNote(
  counts: Readonly<Record<Segment | "all", number>>,
  i18n: Translator,
): string | null {
  const all = counts.all;
  if (all <= 0) return null;
  for (const { value } of SEGMENTS) {
    const n = counts[value];
    if (n * 2 > all) {
      const info = segmentInfo(value, i18n);
      return i18n.t("segments.largeNote", {
        segment: info.label,
        count: n,
        all,
        pct: Math.round((100 * n) / all),
        why: info.whyLarge,
      });
    }
  }
  return null;
}
