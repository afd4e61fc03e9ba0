/** Plain sentences about what stands out in a week: the largest moves, and KPIs outside their usual range. Pure. */
import type { DigestRow } from "./digest-content";
import type { DigestFormat } from "./format";

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
  const verb = up ? "rose" : "fell";
  const change = format.change(row.kpi.kind, row.vsPrevious).replace(/^[+\-−]/, "");
  return `${row.kpi.label} ${verb} ${change} to ${format.value(row.kpi.kind, row.value)} against the week before${good ? "" : " — worth a look"}.`;
}

function rangeSentence(row: DigestRow, format: DigestFormat): string {
  const range = row.usualRange!;
  const low = format.value(row.kpi.kind, row.kpi.kind === "count" ? Math.max(0, range.low) : range.low);
  const high = format.value(row.kpi.kind, range.high);
  return `${row.kpi.label} was ${format.value(row.kpi.kind, row.value)}, ${row.outside} its usual range of ${low} to ${high} (the previous 12 weeks).`;
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
    return [
      `A steady week: no KPI moved more than ${Math.round(NOTABLE_MOVE * 100)} % or left its usual range.`,
    ];
  }
  return [...moves, ...unusual];
}
