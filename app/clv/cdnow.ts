/**
 * Readers for the CDNOW data set of Fader & Hardie (see data/cdnow/SOURCE.md for the layouts).
 */
import type { CustomerSummary } from "./types";
import type { DailyTransaction } from "./summary";

export interface CdnowSampleRow {
  masterId: string;
  sampleId: string;
  /** YYYY-MM-DD */
  day: string;
  cds: number;
  dollars: number;
}

function lines(text: string): string[] {
  return text.split(/\r?\n/).filter((line) => line.trim() !== "");
}

/** CDNOW_sample.txt: whitespace-separated master id, sample id, YYYYMMDD, CDs, dollars; CRLF; no header. */
export function parseCdnowSample(text: string): CdnowSampleRow[] {
  return lines(text).map((line, index) => {
    const fields = line.trim().split(/\s+/);
    const [masterId, sampleId, date, cds, dollars] = fields;
    if (fields.length !== 5 || !masterId || !sampleId || !date || !cds || !dollars || !/^\d{8}$/.test(date)) {
      throw new SyntaxError(`CDNOW sample line ${index + 1} is malformed: "${line}"`);
    }
    const row = {
      masterId,
      sampleId,
      day: `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`,
      cds: Number(cds),
      dollars: Number(dollars),
    };
    if (!Number.isFinite(row.cds) || !Number.isFinite(row.dollars)) {
      throw new SyntaxError(`CDNOW sample line ${index + 1} has a non-numeric value: "${line}"`);
    }
    return row;
  });
}

/** Sample rows as transactions keyed by the sample id (the id the published summaries use). */
export function cdnowSampleTransactions(rows: readonly CdnowSampleRow[]): DailyTransaction[] {
  return rows.map((row) => ({ customerId: row.sampleId, day: row.day, amount: row.dollars }));
}

/**
 * cdnow_customers_summary.csv (ID,frequency,recency,T) or cdnow_customers_summary_with_transactions.csv
 * (ID,x,t_x,T,zbar); zbar is 0 when the file has none. Times are weeks, rounded to 2 decimals in the file.
 */
export function parseCdnowSummaryCsv(text: string): CustomerSummary[] {
  const [header, ...rows] = lines(text);
  const columns = (header ?? "").trim().split(",");
  const find = (...names: string[]): number => columns.findIndex((c) => names.includes(c));
  const [id, x, tx, T, zbar] = [
    find("ID"),
    find("x", "frequency"),
    find("t_x", "recency"),
    find("T"),
    find("zbar"),
  ];
  if (id < 0 || x < 0 || tx < 0 || T < 0)
    throw new SyntaxError(`unexpected CDNOW summary header "${header}"`);
  return rows.map((line) => {
    const cells = line.trim().split(",");
    const number = (i: number): number => (i < 0 ? 0 : Number(cells[i]));
    return { id: cells[id] ?? "", x: number(x), tx: number(tx), T: number(T), zbar: number(zbar) };
  });
}
