/**
 * The sentence that lets the retention and churn cards explain each other. Both rates share one base,
 * S = the customers active at the period's start (docs/kpi-definitions.md, Customers): churn = (S − R) ÷ S
 * with R the customers of S still active at the end, and retention = (E − Nₑ) ÷ S, which also counts the
 * customers who came back (reactivated: active at the end, neither in S nor new). So
 * retention + churn = 100 % + reactivated ÷ S, and the sentence names that share. Pure.
 */
import { translatorFor } from "~/i18n/catalog.server";
import { formatKpi } from "./kpi-format";

export interface RetentionChurnFacts {
  /** S: customers active at the start (both rates' denominator). */
  readonly activeAtStart: number | null;
  /** R: customers of S still active at the end. */
  readonly retained: number | null;
  /** Active at the end, neither active at the start nor new. */
  readonly reactivated: number | null;
}

// Still English: its sentences move to the message catalogue with the dashboard's.
const english = translatorFor("en");
const pct = (value: number) => formatKpi(value, "percent", "USD", english);
const count = (value: number) => formatKpi(value, "count", "USD", english);
const customers = (n: number) => `${count(n)} customer${Math.round(n) === 1 ? "" : "s"}`;

/** Null when the period has no customer active at its start (both rates are undefined then). */
export function retentionChurnSentence(kpi: "retention_rate" | "churn_rate", facts: RetentionChurnFacts) {
  const { activeAtStart: s, retained: r, reactivated: back } = facts;
  if (s === null || r === null || back === null || s <= 0) return null;
  const kept = r / s;
  const lost = (s - r) / s;
  const returned = back / s;
  const retention = kept + returned;
  const base = `of the ${customers(s)} active at the start`;
  const sum =
    back > 0
      ? `which is why the two add up to ${pct(retention + lost)}, not 100%`
      : "so the two add up to 100%";
  if (kpi === "churn_rate")
    return (
      `${pct(lost)} ${base} were no longer active at the end, so ${pct(kept)} stayed. ` +
      `Retention (${pct(retention)}) has the same base and also counts the ${customers(back)} who came ` +
      `back (${pct(returned)}), ${sum}.`
    );
  return (
    `${pct(kept)} ${base} are still active, and ${customers(back)} who had lapsed came back ` +
    `(${pct(returned)} of that base). Churn counts the other ${pct(lost)}, who are no longer active, ${sum}.`
  );
}
