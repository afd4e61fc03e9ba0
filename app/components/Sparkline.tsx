/**
 * A tiny trend line for a KPI card: plain SVG (no chart library on the dashboard's first paint), gaps
 * where a period has no value. Decorative: the detail page has the numbers as a table.
 */
const WIDTH = 120;
const HEIGHT = 32;

export function Sparkline({ values }: { values: readonly (number | null)[] }) {
  const numbers = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (numbers.length < 2) return <svg width={WIDTH} height={HEIGHT} aria-hidden="true" />;
  const min = Math.min(...numbers);
  const max = Math.max(...numbers);
  const span = max - min || 1;
  const step = values.length > 1 ? WIDTH / (values.length - 1) : WIDTH;
  const segments: string[] = [];
  let current = "";
  values.forEach((value, i) => {
    if (value === null || !Number.isFinite(value)) {
      if (current) segments.push(current);
      current = "";
      return;
    }
    const x = (i * step).toFixed(1);
    const y = (HEIGHT - 2 - ((value - min) / span) * (HEIGHT - 4)).toFixed(1);
    current += `${current ? "L" : "M"}${x},${y}`;
  });
  if (current) segments.push(current);
  return (
    <svg
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      aria-hidden="true"
      focusable="false"
    >
      <path
        d={segments.join("")}
        fill="none"
        stroke="var(--p-color-bg-fill-emphasis)"
        strokeWidth={1.5}
        strokeLinejoin="round"
      />
    </svg>
  );
}
