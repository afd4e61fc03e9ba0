/**
 * kpi fit-clv: fit BG/NBD + Gamma-Gamma to a transaction file and print parameters and per-customer predictions
 * as JSON. Times are in weeks, as in the published CDNOW results (Fader, Hardie & Lee 2005).
 *
 *   kpi fit-clv --transactions CDNOW_sample.txt --format cdnow-sample --calibration-end 1997-09-30
 *   kpi fit-clv --transactions cdnow_customers_summary_with_transactions.csv --format cdnow-summary
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { KpiCommand } from "../kpi";
import type { CustomerSummary } from "~/clv/types";
import { cdnowSampleTransactions, parseCdnowSample, parseCdnowSummaryCsv } from "~/clv/cdnow";
import { expectedPurchasesConditional, probabilityAlive } from "~/clv/bgnbd";
import { expectedAverageOrderValue } from "~/clv/gamma-gamma";
import { fitClvModels } from "~/clv/fit-clv-models";
import { summarizeTransactions } from "~/clv/summary";

const WEEK_DAYS = 7;
const HORIZON_WEEKS = 39;
const FORMATS = ["cdnow-sample", "cdnow-summary"] as const;
type Format = (typeof FORMATS)[number];

const USAGE = `usage: kpi fit-clv --transactions <file> [--format ${FORMATS.join("|")}] [--calibration-end YYYY-MM-DD]
  --format cdnow-sample   (default) master id, sample id, YYYYMMDD, CDs, dollars; needs --calibration-end (inclusive)
  --format cdnow-summary  ID,x,t_x,T,zbar (or ID,frequency,recency,T) already summarised in weeks
`;

class UsageError extends Error {}

function readCustomers(file: string, format: Format, calibrationEnd: string | undefined): CustomerSummary[] {
  const text = readFileSync(file, "utf8");
  if (format === "cdnow-summary") return parseCdnowSummaryCsv(text);
  if (!calibrationEnd) throw new UsageError("--calibration-end is required with --format cdnow-sample");
  const transactions = cdnowSampleTransactions(parseCdnowSample(text));
  return summarizeTransactions(transactions, { calibrationEnd, unitDays: WEEK_DAYS }).customers;
}

function parse(args: readonly string[]): {
  file: string;
  format: Format;
  calibrationEnd: string | undefined;
} {
  const { values } = parseArgs({
    args: [...args],
    options: {
      transactions: { type: "string" },
      format: { type: "string", default: "cdnow-sample" },
      "calibration-end": { type: "string" },
    },
    strict: true,
  });
  const format = FORMATS.find((f) => f === values.format);
  if (!values.transactions) throw new UsageError("--transactions is required");
  if (!format) throw new UsageError(`unknown --format "${values.format}"`);
  return { file: values.transactions, format, calibrationEnd: values["calibration-end"] };
}

async function run(args: readonly string[]): Promise<number> {
  let customers: CustomerSummary[];
  try {
    const { file, format, calibrationEnd } = parse(args);
    customers = readCustomers(file, format, calibrationEnd);
  } catch (error) {
    // parseArgs reports unknown options as TypeError with a code; treat those as usage errors too.
    const isUsage = error instanceof UsageError || (error instanceof TypeError && "code" in error);
    if (!isUsage) throw error;
    process.stderr.write(`kpi fit-clv: ${error.message}\n${USAGE}`);
    return 2;
  }

  const fit = fitClvModels(customers, WEEK_DAYS);
  if (!fit.ok) {
    process.stderr.write(`kpi fit-clv: ${fit.reason}\n`);
    return 1;
  }
  const { r, alpha, a, b, logLikelihood } = fit.bgnbd;
  const { p, q, gamma } = fit.gammaGamma;
  const output = {
    bgnbd: { r, alpha, a, b, logLikelihood },
    gammaGamma: { p, q, gamma },
    customers: customers.map((c) => ({
      id: c.id,
      x: c.x,
      tx: c.tx,
      T: c.T,
      pAlive: probabilityAlive(fit.bgnbd, c),
      expectedPurchases39w: expectedPurchasesConditional(fit.bgnbd, c, HORIZON_WEEKS),
      expectedAvgValue: expectedAverageOrderValue(fit.gammaGamma, c),
    })),
  };
  process.stdout.write(JSON.stringify(output, null, 2) + "\n");
  return 0;
}

export const command: KpiCommand = {
  run,
};
