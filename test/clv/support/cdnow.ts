import { readFileSync } from "node:fs";
import type { CustomerSummary } from "~/clv/types";
import { cdnowSampleTransactions, parseCdnowSample, parseCdnowSummaryCsv } from "~/clv/cdnow";
import { summarizeTransactions } from "~/clv/summary";
import { cdnowFile } from "./paths";

/** Published fits on the CDNOW 1/10 sample (SOURCE.md): FHL 2005 Marketing Science; Fader & Hardie 2013. */
export const PUBLISHED_BGNBD = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426, logLikelihood: -9582.4 };
export const PUBLISHED_GAMMA_GAMMA = { p: 6.25, q: 3.74, gamma: 15.44 };
/**
 * Pareto/NBD on the same calibration data: Fader, Hardie & Lee (2005), "A Note on Deriving the Pareto/NBD
 * Model and Related Expressions" (brucehardie.com/notes/009), and FHL 2005 Marketing Science, table 1.
 */
export const PUBLISHED_PARETO_NBD = {
  r: 0.553,
  alpha: 10.578,
  s: 0.606,
  beta: 11.669,
  logLikelihood: -9595.0,
};
/**
 * MBG/NBD on cdnow_customers_summary.csv as the reference implementations fit it: lifetimes
 * (github.com/CamDavidsonPilon/lifetimes, tests/test_estimation.py, ModifiedBetaGeoFitter
 * test_params_out_is_close_to_BTYDplus, which checks these to 3 decimals and takes them from the R package
 * BTYDplus, github.com/mplatzer/BTYDplus). No log-likelihood is published with them.
 */
export const REFERENCE_MBG_NBD = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 };

export const CALIBRATION_END = "1997-09-30";

/** cdnow_customers_summary.csv (ID,frequency,recency,T): the file lifetimes fits its models to. */
export function lifetimesSummaryCustomers(): CustomerSummary[] {
  return parseCdnowSummaryCsv(readFileSync(cdnowFile("cdnow_customers_summary.csv"), "utf8"));
}

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
