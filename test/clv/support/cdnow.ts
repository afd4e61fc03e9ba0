import { readFileSync } from "node:fs";
import type { CustomerSummary } from "~/clv/types";
import { cdnowSampleTransactions, parseCdnowSample, parseCdnowSummaryCsv } from "~/clv/cdnow";
import { summarizeTransactions } from "~/clv/summary";
import { cdnowFile } from "./paths";

/** Published fits on the CDNOW 1/10 sample (SOURCE.md): FHL 2005 Marketing Science; Fader & Hardie 2013. */
export const PUBLISHED_BGNBD = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426, logLikelihood: -9582.4 };
export const PUBLISHED_GAMMA_GAMMA = { p: 6.25, q: 3.74, gamma: 15.44 };

export const CALIBRATION_END = "1997-09-30";

export function summaryCsvCustomers(): CustomerSummary[] {
  return parseCdnowSummaryCsv(
    readFileSync(cdnowFile("cdnow_customers_summary_with_transactions.csv"), "utf8"),
  );
}

export function sampleTransactions(): ReturnType<typeof cdnowSampleTransactions> {
  return cdnowSampleTransactions(parseCdnowSample(readFileSync(cdnowFile("CDNOW_sample.txt"), "utf8")));
}

/** Weekly summary built from CDNOW_sample.txt, as the published work used it. */
export function sampleCustomers(): CustomerSummary[] {
  return summarizeTransactions(sampleTransactions(), { calibrationEnd: CALIBRATION_END, unitDays: 7 })
    .customers;
}

export function expectWithinRelative(actual: number, expected: number, tolerance: number): void {
  const error = Math.abs(actual - expected) / Math.abs(expected);
  if (!(error <= tolerance))
    throw new Error(`${actual} is not within ${tolerance} of ${expected} (${error})`);
}
