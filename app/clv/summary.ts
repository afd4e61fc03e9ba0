/**
 * Calibration-period RFM summary from transactions, built the way the published CDNOW summaries were
 * (data/cdnow/SOURCE.md): one purchase per customer per local calendar day; x = purchase days − 1;
 * tx = first → last purchase day; T = first purchase day → calibration end (inclusive); zbar = mean spend
 * of the repeat days (the first day excluded).
 */
import type { CustomerSummary } from "./types";
import { dayNumber } from "./calendar-day";

export interface DailyTransaction {
  customerId: string;
  /** The shop's local calendar day, YYYY-MM-DD. */
  day: string;
  amount: number;
}

export interface SummaryOptions {
  /** Last calendar day of the calibration period, inclusive (YYYY-MM-DD). Later transactions are ignored. */
  calibrationEnd: string;
  /** Length of the time unit in days: 1 for days, 7 for weeks (as in the published work). */
  unitDays?: number;
}

export interface TransactionSummary {
  customers: CustomerSummary[];
  unitDays: number;
  calibrationEnd: string;
  /** Days from the earliest first purchase to the calibration end. */
  historyDays: number;
}

export function summarizeTransactions(
  transactions: Iterable<DailyTransaction>,
  options: SummaryOptions,
): TransactionSummary {
  const unitDays = options.unitDays ?? 1;
  if (!(unitDays > 0)) throw new RangeError(`unitDays must be positive, got ${unitDays}`);
  const end = dayNumber(options.calibrationEnd);

  // customer → day number → spend that day; Map keeps customers in order of first appearance.
  const spendByDay = new Map<string, Map<number, number>>();
  for (const t of transactions) {
    if (!Number.isFinite(t.amount)) throw new RangeError(`non-finite amount for customer ${t.customerId}`);
    const day = dayNumber(t.day);
    if (day > end) continue;
    let days = spendByDay.get(t.customerId);
    if (!days) spendByDay.set(t.customerId, (days = new Map()));
    days.set(day, (days.get(day) ?? 0) + t.amount);
  }

  let earliest = end;
  const customers: CustomerSummary[] = [];
  for (const [id, days] of spendByDay) {
    const ordered = [...days.keys()].sort((u, v) => u - v);
    const first = ordered[0] ?? end;
    const last = ordered[ordered.length - 1] ?? end;
    earliest = Math.min(earliest, first);
    const x = ordered.length - 1;
    let repeatSpend = 0;
    for (const day of ordered.slice(1)) repeatSpend += days.get(day) ?? 0;
    customers.push({
      id,
      x,
      tx: (last - first) / unitDays,
      T: (end - first) / unitDays,
      zbar: x > 0 ? repeatSpend / x : 0,
    });
  }
  return { customers, unitDays, calibrationEnd: options.calibrationEnd, historyDays: end - earliest };
}
