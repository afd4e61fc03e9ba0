/** Plain sentences about what stands out in a week: the largest moves, and KPIs outside their usual range. Pure. */
import type { DigestRow } from "./digest-content";
import { USUAL_RANGE_WEEKS } from "./digest-week";
import type { DigestFormat } from "./format";
import { digestKpiName } from "./kpi-name";

/** Moves smaller than this (relative to last week) are noise, not news. */
export const NOTABLE_MOVE = 0.05;
export const MAX_MOVES = 3;

/** A size comparable across KPIs: relative change, for rates too (3 % → 4 % is a large move). */
function moveSize(row: DigestRow): number | null {
  if (row.value === null || row.previous === null || row.previous <= 0) return null;
  return (row.value - row.previous) / row.previous;
}

function moveSentence(row: DigestRow, format: DigestFormat): string {
  const up = (row.value ?? 0) > (row.previous ?? 0);
  const good = up === (row.kpi.betterWhen === "up");
  return format.i18n.t("digest.highlight.move", {
    kpi: digestKpiName(row.kpi, format.i18n),
    direction: up ? "up" : "down",
    // The direction is in the words, so the change drops its sign.
    change: format.change(row.kpi.kind, row.vsPrevious).replace(/^[+\-−]/, ""),
    value: format.value(row.kpi.kind, row.value),
    attention: good ? "no" : "yes",
  });
}

function rangeSentence(row: DigestRow, format: DigestFormat): string {
  const range = row.usualRange!;
  return format.i18n.t("digest.highlight.range", {
    kpi: digestKpiName(row.kpi, format.i18n),
    value: format.value(row.kpi.kind, row.value),
    position: row.outside,
    low: format.value(row.kpi.kind, row.kpi.kind === "count" ? Math.max(0, range.low) : range.low),
    high: format.value(row.kpi.kind, range.high),
    weeks: USUAL_RANGE_WEEKS,
  });
}

export function highlights(rows: readonly DigestRow[], format: DigestFormat): string[] {
  const moves = rows
    .map((row) => ({ row, size: moveSize(row) }))
    .filter((m): m is { row: DigestRow; size: number } => m.size !== null && Math.abs(m.size) >= NOTABLE_MOVE)
    .sort((a, b) => Math.abs(b.size) - Math.abs(a.size))
    .slice(0, MAX_MOVES)
    .map((m) => moveSentence(m.row, format));
  const unusual = rows.filter((row) => row.outside !== null).map((row) => rangeSentence(row, format));
  if (moves.length === 0 && unusual.length === 0) {
    return [format.i18n.t("digest.highlight.steady", { threshold: Math.round(NOTABLE_MOVE * 100) })];
  }
  return [...moves, ...unusual];
}
