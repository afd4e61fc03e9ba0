/**
 * kpi fit-clv: fit a purchase model (BG/NBD by default, Pareto/NBD or MBG/NBD) + Gamma-Gamma to a transaction
 * file and print parameters and per-customer predictions as JSON; with --holdout-end, also the holdout check.
 * Times are in weeks, as in the published CDNOW results (Fader, Hardie & Lee 2005).
 *
 *   kpi fit-clv --transactions CDNOW_sample.txt --format cdnow-sample --calibration-end 1997-09-30
 *   kpi fit-clv --model pareto-nbd --transactions CDNOW_sample.txt --calibration-end 1997-09-30 --holdout-end 1998-06-30
 *   kpi fit-clv --transactions cdnow_customers_summary_with_transactions.csv --format cdnow-summary
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { KpiCommand } from "../kpi";
import type { CustomerSummary } from "~/clv/types";
import type { Backtest } from "~/clv/backtest";
import type { PurchaseModelName } from "~/clv/purchase-models";
import { cdnowSampleTransactions, parseCdnowSample, parseCdnowSummaryCsv } from "~/clv/cdnow";
import { joinHoldout, runBacktest } from "~/clv/backtest";
import { dayNumber } from "~/clv/calendar-day";
import { expectedAverageOrderValue } from "~/clv/gamma-gamma";
import { fitClvModels } from "~/clv/fit-clv-models";
import {
  DEFAULT_PURCHASE_MODEL,
  PURCHASE_MODELS,
  isPurchaseModelName,
  modelExpectedPurchases,
  modelProbabilityAlive,
} from "~/clv/purchase-models";
import { summarizeTransactions } from "~/clv/summary";

const WEEK_DAYS = 7;
const HORIZON_WEEKS = 39;
const FORMATS = ["cdnow-sample", "cdnow-summary"] as const;
type Format = (typeof FORMATS)[number];

const USAGE = `usage: kpi fit-clv --transactions <file> [--model ${PURCHASE_MODELS.join("|")}] [--format ${FORMATS.join("|")}]
                    [--calibration-end YYYY-MM-DD] [--holdout-end YYYY-MM-DD]
  --model bg-nbd          (default) Fader, Hardie & Lee 2005; pareto-nbd: Schmittlein et al. 1987;
                          mbg-nbd: Batislam, Denizel & Filiztekin 2007
  --format cdnow-sample   (default) master id, sample id, YYYYMMDD, CDs, dollars; needs --calibration-end (inclusive)
  --format cdnow-summary  ID,x,t_x,T,zbar (or ID,frequency,recency,T) already summarised in weeks
  --holdout-end           (cdnow-sample only) compare predicted with actual repeat purchases after the calibration
                          end up to this day (inclusive)
`;

class UsageError extends Error {}

interface Options {
  file: string;
  format: Format;
  model: PurchaseModelName;
  calibrationEnd: string | undefined;
  holdoutEnd: string | undefined;
}

interface Input {
  customers: CustomerSummary[];
  /** Calibration customers with their holdout purchases, when --holdout-end is given. */
  holdout?: { customers: ReturnType<typeof joinHoldout>; weeks: number };
}

function validDay(value: string, option: string): number {
  try {
    return dayNumber(value);
  } catch {
    throw new UsageError(`${option} must be a YYYY-MM-DD date, got "${value}"`);
  }
}

function readInput({ file, format, calibrationEnd, holdoutEnd }: Options): Input {
  const text = readFileSync(file, "utf8");
  if (format === "cdnow-summary") {
    if (holdoutEnd) throw new UsageError("--holdout-end needs transactions (--format cdnow-sample)");
    return { customers: parseCdnowSummaryCsv(text) };
  }
  if (!calibrationEnd) throw new UsageError("--calibration-end is required with --format cdnow-sample");
  const calibrationDay = validDay(calibrationEnd, "--calibration-end");
  const transactions = cdnowSampleTransactions(parseCdnowSample(text));
  const customers = summarizeTransactions(transactions, { calibrationEnd, unitDays: WEEK_DAYS }).customers;
  if (!holdoutEnd) return { customers };
  const holdoutDays = validDay(holdoutEnd, "--holdout-end") - calibrationDay;
  if (!(holdoutDays > 0)) throw new UsageError("--holdout-end must be after --calibration-end");
  const through = summarizeTransactions(transactions, { calibrationEnd: holdoutEnd, unitDays: WEEK_DAYS });
  return {
    customers,
    holdout: { customers: joinHoldout(customers, through.customers), weeks: holdoutDays / WEEK_DAYS },
  };
}

function parse(args: readonly string[]): Options {
  const { values } = parseArgs({
    args: [...args],
    options: {
      transactions: { type: "string" },
      format: { type: "string", default: "cdnow-sample" },
      model: { type: "string", default: DEFAULT_PURCHASE_MODEL },
      "calibration-end": { type: "string" },
      "holdout-end": { type: "string" },
    },
    strict: true,
  });
  const format = FORMATS.find((f) => f === values.format);
  if (!values.transactions) throw new UsageError("--transactions is required");
  if (!format) throw new UsageError(`unknown --format "${values.format}"`);
  if (!isPurchaseModelName(values.model)) throw new UsageError(`unknown --model "${values.model}"`);
  return {
    file: values.transactions,
    format,
    model: values.model,
    calibrationEnd: values["calibration-end"],
    holdoutEnd: values["holdout-end"],
  };
}

function backtestJson(
  backtest: Backtest,
  calibrationEnd: string | undefined,
  holdoutEnd: string | undefined,
) {
  const { horizon, customers, rows, totalActual, totalPredicted, meanAbsoluteError } = backtest;
  return {
    calibrationEnd,
    holdoutEnd,
    holdoutWeeks: horizon,
    customers,
    byCalibrationPurchases: rows,
    totalActual,
    totalPredicted,
    meanAbsoluteError,
  };
}

async function run(args: readonly string[]): Promise<number> {
  let options: Options;
  let input: Input;
  try {
    options = parse(args);
    input = readInput(options);
  } catch (error) {
    // parseArgs reports unknown options as TypeError with a code; treat those as usage errors too.
    const isUsage = error instanceof UsageError || (error instanceof TypeError && "code" in error);
    if (!isUsage) throw error;
    process.stderr.write(`kpi fit-clv: ${error.message}\n${USAGE}`);
    return 2;
  }

  const { customers } = input;
  const fit = fitClvModels(customers, WEEK_DAYS, { model: options.model });
  if (!fit.ok) {
    process.stderr.write(`kpi fit-clv: ${fit.reason}\n`);
    return 1;
  }
  const { purchases } = fit;
  const { p, q, gamma } = fit.gammaGamma;
  const output = {
    model: purchases.name,
    params: purchases.params,
    logLikelihood: purchases.logLikelihood,
    // The output before --model existed, kept for scripts that read it.
    ...(purchases.name === "bg-nbd"
      ? { bgnbd: { ...purchases.params, logLikelihood: purchases.logLikelihood } }
      : {}),
    gammaGamma: { p, q, gamma },
    ...(input.holdout
      ? {
          backtest: backtestJson(
            runBacktest(purchases, input.holdout.customers, input.holdout.weeks),
            options.calibrationEnd,
            options.holdoutEnd,
          ),
        }
      : {}),
    customers: customers.map((c) => ({
      id: c.id,
      x: c.x,
      tx: c.tx,
      T: c.T,
      pAlive: modelProbabilityAlive(purchases, c),
      expectedPurchases39w: modelExpectedPurchases(purchases, c, HORIZON_WEEKS),
      expectedAvgValue: expectedAverageOrderValue(fit.gammaGamma, c),
    })),
  };
  process.stdout.write(JSON.stringify(output, null, 2) + "\n");
  return 0;
}

export const command: KpiCommand = {
  run,
};
