/**
 * A small trend chart (sparkline) as SVG: the weekly values as a line, the usual range as a band, the
 * reported week as a dot. No text, so rendering needs no fonts; the email says the numbers. Colours are
 * mid-tones on a transparent background, readable on light and dark mail themes. Pure.
 */
import type { UsualRange } from "./usual-range";

export const CHART_WIDTH = 160;
export const CHART_HEIGHT = 40;
const PAD = 4;

export interface ChartColours {
  readonly line: string;
  readonly band: string;
  readonly dot: string;
}

export const CHART_COLOURS: ChartColours = { line: "#4f7ccf", band: "#8a94a6", dot: "#e07b39" };

const fixed = (n: number) => n.toFixed(1);

export function trendChartSvg(
  values: readonly (number | null)[],
  range: UsualRange | null,
  colours = CHART_COLOURS,
): string {
  const defined = values.filter((v): v is number => v !== null);
  const bounds = [...defined, ...(range ? [range.low, range.high] : [])];
  const min = bounds.length ? Math.min(...bounds) : 0;
  const max = bounds.length ? Math.max(...bounds) : 1;
  const span = max - min || Math.abs(max) || 1;
  const x = (i: number) =>
    PAD + (values.length <= 1 ? 0 : (i * (CHART_WIDTH - 2 * PAD)) / (values.length - 1));
  const y = (v: number) =>
    CHART_HEIGHT - PAD - ((v - min + (max === min ? span / 2 : 0)) * (CHART_HEIGHT - 2 * PAD)) / span;

  const parts: string[] = [];
  if (range) {
    const top = y(range.high);
    parts.push(
      `<rect x="0" y="${fixed(top)}" width="${CHART_WIDTH}" height="${fixed(Math.max(1, y(range.low) - top))}" fill="${colours.band}" fill-opacity="0.25"/>`,
    );
  }
  // A null week breaks the line into segments rather than pretending it was zero.
  let segment: string[] = [];
  const flush = () => {
    if (segment.length > 1)
      parts.push(
        `<polyline points="${segment.join(" ")}" fill="none" stroke="${colours.line}" stroke-width="2" stroke-linejoin="round" stroke-linecap="round"/>`,
      );
    segment = [];
  };
  values.forEach((v, i) => {
    if (v === null) flush();
    else segment.push(`${fixed(x(i))},${fixed(y(v))}`);
  });
  flush();
  const last = values.at(-1);
  if (last !== null && last !== undefined) {
    parts.push(
      `<circle cx="${fixed(x(values.length - 1))}" cy="${fixed(y(last))}" r="3" fill="${colours.dot}"/>`,
    );
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${CHART_HEIGHT}" viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}">${parts.join("")}</svg>`;
}
