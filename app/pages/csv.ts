/** CSV exports (RFC 4180, CRLF). Text cells that a spreadsheet would run as a formula are defused. */
import type { Translator } from "~/i18n/translator";

export type CsvCell = string | number | null;

/** Written as is: a spreadsheet reads it as a number, and nothing more. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
/**
 * Spreadsheets start a formula at any of these (a leading tab or line break is dropped first), so
 * "-1+HYPERLINK(…)" is as live as "=HYPERLINK(…)". Customer names are typed by shoppers.
 */
const FORMULA_START = /^[=+\-@\t\r\n]/;

function csvText(value: string): string {
  return PLAIN_NUMBER.test(value) || !FORMULA_START.test(value) ? value : `'${value}`;
}

function cell(value: CsvCell): string {
  if (value === null) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = csvText(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return rows.map((row) => row.map(cell).join(",")).join("\r\n") + "\r\n";
}

/** Excel reads a file without this mark as the system's legacy code page, and garbles "−" and "zł". */
const UTF8_BOM = "\uFEFF";

/** A download response; the file name is built by us, never taken from the request. */
export function csvResponse(filename: string, csv: string): Response {
  return new Response(UTF8_BOM + csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename.replace(/[^\w.-]/g, "_")}"`,
      "Cache-Control": "private, no-store",
    },
  });
}

/**
 * A column header with the unit its values are in: "Net sales (PLN)", "Churn rate (%)". The header is in
 * the reader's language; the values under it are plain numbers (csvKpi), whatever the language.
 */
export function csvColumn(label: string, format: string, currency: string, i18n: Translator): string {
  if (format === "money") return i18n.t("csv.column.money", { label, currency });
  if (format === "percent") return i18n.t("csv.column.percent", { label });
  return label;
}
