/**
 * The sentence that lets the retention and churn cards explain each other. Both rates share one base,
 * S = the customers active at the period's start (docs/kpi-definitions.md, Customers): churn = (S − R) ÷ S
 * with R the customers of S still active at the end, and retention = (E − Nₑ) ÷ S, which also counts the
 * customers who came back (reactivated: active at the end, neither in S nor new). So
 * retention + churn = 100 % + reactivated ÷ S, and the sentence names that share. Pure.
 */
import type { MessageId } from "~/i18n/message-id";
import type { Translator } from "~/i18n/translator";
import { formatKpi } from "./kpi-format";

export interface RetentionChurnFacts {
  /** S: customers active at the start (both rates' denominator). */
  readonly activeAtStart: number | null;
  /** R: customers of S still active at the end. */
  readonly retained: number | null;
  /** Active at the end, neither active at the start nor new. */
  readonly reactivated: number | null;
}

const SENTENCES: Record<"retention_rate" | "churn_rate", { back: MessageId; none: MessageId }> = {
  churn_rate: { back: "dashboard.relation.churn", none: "dashboard.relation.churnNoneBack" },
  retention_rate: { back: "dashboard.relation.retention", none: "dashboard.relation.retentionNoneBack" },
};

/** Null when the period has no customer active at its start (both rates are undefined then). */
export function retentionChurnSentence(
  kpi: "retention_rate" | "churn_rate",
  facts: RetentionChurnFacts,
  i18n: Translator,
) {
  const { activeAtStart: s, retained: r, reactivated: back } = facts;
  if (s === null || r === null || back === null || s <= 0) return null;
  const pct = (value: number) => formatKpi(value, "percent", "USD", i18n);
  const count = (value: number) => formatKpi(value, "count", "USD", i18n);
  const kept = r / s;
  const lost = (s - r) / s;
  const returned = back / s;
  const retention = kept + returned;
  // One sentence per case: whether anyone came back changes the sentence's end, not a glued clause.
  return i18n.t(back > 0 ? SENTENCES[kpi].back : SENTENCES[kpi].none, {
    active: Math.round(s),
    activeCount: count(s),
    back: Math.round(back),
    backCount: count(back),
    lost: pct(lost),
    kept: pct(kept),
    returned: pct(returned),
    retention: pct(retention),
    total: pct(retention + lost),
    whole: i18n.intl.formatNumber(1, { style: "percent" }),
  });
}
