import { BlockStack, Text } from "@shopify/polaris";
import { useT } from "~/i18n/I18nProvider";
import type { Translator } from "~/i18n/translator";
import type { KeyboardEvent, PointerEvent } from "react";
import { useId, useRef, useState } from "react";
import type { CardChart as CardChartData, CardPoint } from "~/pages/dashboard.server";
import type { KpiFormat } from "~/pages/kpi-catalog";
import { formatAxisTick, formatKpi } from "~/pages/kpi-format";
import { valueScale } from "./chart-scale";

// Drawing units; the SVG scales to the card's width and keeps this ratio, so its height is known before
// anything draws (no layout shift) and the labels stay about 12 px at the widths a card has.
const WIDTH = 300;
const HEIGHT = 132;
/** The value axis's room at the least; longer labels ("12 000 USD", "1.000,0 €") widen it. */
const MIN_LEFT = 52;
// About the width of a digit at fontSize 12, in drawing units; a generous guess keeps labels whole.
const CHAR_WIDTH = 6.8;
const RIGHT = 6;
const TOP = 8;
const BOTTOM = 20;
const PLOT_H = HEIGHT - TOP - BOTTOM;

const CURRENT = "var(--p-color-bg-fill-emphasis, rgba(0, 91, 211, 1))";
const COMPARISON = "var(--p-color-icon-secondary, rgba(138, 138, 138, 1))";
const GRID = "var(--p-color-border-secondary, rgba(235, 235, 235, 1))";
const AXIS = "var(--p-color-text-secondary, rgba(97, 97, 97, 1))";

const finite = (v: number | null): v is number => v !== null && Number.isFinite(v);

/** A line through the points, broken where a unit has no value. */
function linePath(values: readonly (number | null)[], x: (i: number) => number, y: (v: number) => number) {
  let d = "";
  let drawing = false;
  values.forEach((value, i) => {
    if (!finite(value)) {
      drawing = false;
      return;
    }
    d += `${drawing ? "L" : "M"}${x(i).toFixed(1)},${y(value).toFixed(1)}`;
    drawing = true;
  });
  return d;
}

/**
 * A KPI card's chart, like Shopify Analytics' cards: value axis with a few ticks, first and last unit on
 * the time axis, the range as a solid line and the comparison as a dashed one, and a tooltip with the
 * unit's value and its comparison's on hover. The chart is one focusable stop: arrow keys move through
 * the units and a live region reads each one, so it works without a mouse. Plain SVG, no chart library
 * on the dashboard's first paint.
 */
export function CardChart({
  chart,
  title,
  format,
  currency,
}: {
  chart: CardChartData;
  title: string;
  format: KpiFormat;
  currency: string;
}) {
  const i18n = useT();
  const id = useId();
  const box = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState<number | null>(null);
  const [focused, setFocused] = useState(false);
  const { points } = chart;
  const show = (v: number | null) => formatKpi(v, format, currency, i18n);
  const values = points.map((p) => p.value);
  const comparisons = points.map((p) => (chart.comparisonName ? p.comparison : null));
  const scale = valueScale([...values, ...comparisons].filter(finite));
  const tickTexts = (scale?.ticks ?? []).map((tick) => formatAxisTick(tick, format, currency, i18n));
  const left = Math.max(MIN_LEFT, Math.ceil(Math.max(0, ...tickTexts.map((t) => t.length)) * CHAR_WIDTH) + 8);
  const plotWidth = WIDTH - left - RIGHT;
  const x = (i: number) => left + (points.length > 1 ? (i / (points.length - 1)) * plotWidth : plotWidth / 2);
  const y = (v: number) =>
    scale ? TOP + PLOT_H - ((v - scale.min) / (scale.max - scale.min || 1)) * PLOT_H : TOP + PLOT_H;
  const first = points[0];
  const last = points.at(-1);
  const point = active === null ? undefined : points[active];

  const pick = (event: PointerEvent<HTMLDivElement>) => {
    const rect = box.current?.getBoundingClientRect();
    if (!rect || points.length === 0 || rect.width === 0) return;
    const drawnX = ((event.clientX - rect.left) / rect.width) * WIDTH;
    const i = points.length > 1 ? Math.round(((drawnX - left) / plotWidth) * (points.length - 1)) : 0;
    setActive(Math.min(points.length - 1, Math.max(0, i)));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (points.length === 0) return;
    const current = active ?? points.length - 1;
    const next =
      event.key === "ArrowLeft"
        ? current - 1
        : event.key === "ArrowRight"
          ? current + 1
          : event.key === "Home"
            ? 0
            : event.key === "End"
              ? points.length - 1
              : event.key === "Escape"
                ? null
                : undefined;
    if (next === undefined) return;
    event.preventDefault();
    setActive(next === null ? null : Math.min(points.length - 1, Math.max(0, next)));
  };

  const summary = chartSummary(chart, title, show, i18n);
  return (
    <BlockStack gap="100">
      <div
        ref={box}
        data-card-chart=""
        role="group"
        aria-roledescription="chart"
        aria-label={summary}
        tabIndex={0}
        onPointerMove={pick}
        onPointerLeave={() => setActive(null)}
        onFocus={() => {
          setFocused(true);
          setActive((i) => i ?? (points.length ? points.length - 1 : null));
        }}
        onBlur={() => {
          setFocused(false);
          setActive(null);
        }}
        onKeyDown={onKeyDown}
        style={{
          position: "relative",
          borderRadius: "var(--p-border-radius-200)",
          outline: focused ? "2px solid var(--p-color-border-focus)" : "none",
          outlineOffset: 2,
          touchAction: "pan-y",
        }}
      >
        <svg
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          width="100%"
          aria-hidden="true"
          focusable="false"
          style={{ display: "block", height: "auto", aspectRatio: `${WIDTH} / ${HEIGHT}` }}
        >
          {scale?.ticks.map((tick, index) => (
            <g key={tick}>
              <line x1={left} x2={WIDTH - RIGHT} y1={y(tick)} y2={y(tick)} style={{ stroke: GRID }} />
              <text
                x={left - 6}
                y={y(tick)}
                textAnchor="end"
                dominantBaseline="middle"
                fontSize={12}
                style={{ fill: AXIS }}
              >
                {tickTexts[index]}
              </text>
            </g>
          ))}
          {first ? (
            <text x={left} y={HEIGHT - 4} textAnchor="start" fontSize={12} style={{ fill: AXIS }}>
              {first.tick}
            </text>
          ) : null}
          {last && points.length > 1 ? (
            <text x={WIDTH - RIGHT} y={HEIGHT - 4} textAnchor="end" fontSize={12} style={{ fill: AXIS }}>
              {last.tick}
            </text>
          ) : null}
          {!scale ? (
            <text
              x={left + plotWidth / 2}
              y={TOP + PLOT_H / 2}
              textAnchor="middle"
              fontSize={12}
              style={{ fill: AXIS }}
            >
              {i18n.t("dashboard.chart.noValues")}
            </text>
          ) : null}
          {chart.comparisonName ? (
            <path
              data-comparison-line=""
              d={linePath(comparisons, x, y)}
              fill="none"
              strokeWidth={1.5}
              strokeDasharray="4 3"
              strokeLinejoin="round"
              style={{ stroke: COMPARISON }}
            />
          ) : null}
          <path
            data-current-line=""
            d={linePath(values, x, y)}
            fill="none"
            strokeWidth={2}
            strokeLinejoin="round"
            style={{ stroke: CURRENT }}
          />
          {active !== null && point ? (
            <g>
              <line
                x1={x(active)}
                x2={x(active)}
                y1={TOP}
                y2={TOP + PLOT_H}
                style={{ stroke: AXIS }}
                strokeWidth={0.75}
              />
              {finite(comparisons[active] ?? null) ? (
                <circle cx={x(active)} cy={y(comparisons[active]!)} r={3} style={{ fill: COMPARISON }} />
              ) : null}
              {finite(point.value) ? (
                <circle cx={x(active)} cy={y(point.value)} r={3.5} style={{ fill: CURRENT }} />
              ) : null}
            </g>
          ) : null}
        </svg>
        {point && active !== null ? (
          <div
            data-chart-tooltip=""
            aria-hidden="true"
            style={{
              position: "absolute",
              top: 0,
              left: `${(x(active) / WIDTH) * 100}%`,
              transform: `translateX(${active >= points.length / 2 ? "calc(-100% - 8px)" : "8px"})`,
              zIndex: 1,
              pointerEvents: "none",
              whiteSpace: "nowrap",
              background: "var(--p-color-bg-surface)",
              boxShadow: "var(--p-shadow-300)",
              borderRadius: "var(--p-border-radius-200)",
              padding: "var(--p-space-200)",
            }}
          >
            <TooltipRow label={point.label} value={show(point.value)} dashed={false} />
            {chart.comparisonName ? (
              <TooltipRow
                label={point.comparisonLabel ?? i18n.t("dashboard.chart.noComparison")}
                value={show(point.comparison)}
                dashed
              />
            ) : null}
          </div>
        ) : null}
        <Text as="span" visuallyHidden>
          <span aria-live="polite" id={`${id}-live`}>
            {point ? pointText(point, chart, show, i18n) : ""}
          </span>
        </Text>
      </div>
      <div style={{ display: "flex", flexWrap: "wrap", gap: "var(--p-space-100) var(--p-space-300)" }}>
        <Legend name={chart.currentName} dashed={false} />
        {chart.comparisonName ? <Legend name={chart.comparisonName} dashed /> : null}
      </div>
      {chart.note ? (
        <Text as="p" variant="bodySm" tone="subdued">
          {chart.note}
        </Text>
      ) : null}
    </BlockStack>
  );
}

function Swatch({ dashed }: { dashed: boolean }) {
  return (
    <svg width={16} height={8} aria-hidden="true" focusable="false" style={{ flex: "none" }}>
      <line
        x1={0}
        x2={16}
        y1={4}
        y2={4}
        strokeWidth={2}
        strokeDasharray={dashed ? "4 3" : undefined}
        style={{ stroke: dashed ? COMPARISON : CURRENT }}
      />
    </svg>
  );
}

function Legend({ name, dashed }: { name: string; dashed: boolean }) {
  return (
    <span style={{ display: "inline-flex", alignItems: "center", gap: "var(--p-space-100)" }}>
      <Swatch dashed={dashed} />
      <Text as="span" variant="bodySm" tone="subdued">
        {name}
      </Text>
    </span>
  );
}

function TooltipRow({ label, value, dashed }: { label: string; value: string; dashed: boolean }) {
  return (
    <span style={{ display: "flex", alignItems: "center", gap: "var(--p-space-200)" }}>
      <Swatch dashed={dashed} />
      <Text as="span" variant="bodySm">
        {label}
      </Text>
      <Text as="span" variant="bodySm" fontWeight="semibold">
        {value}
      </Text>
    </span>
  );
}

function pointText(
  point: CardPoint,
  chart: CardChartData,
  show: (v: number | null) => string,
  i18n: Translator,
): string {
  const values = { label: point.label, value: show(point.value) };
  if (!chart.comparisonName) return i18n.t("dashboard.chart.point", values);
  return point.comparisonLabel
    ? i18n.t("dashboard.chart.pointCompared", {
        ...values,
        comparisonLabel: point.comparisonLabel,
        comparison: show(point.comparison),
      })
    : i18n.t("dashboard.chart.pointUncompared", values);
}

/** What the chart shows, for screen readers: range, unit, lowest and highest value, how to explore. */
function chartSummary(
  chart: CardChartData,
  title: string,
  show: (v: number | null) => string,
  i18n: Translator,
): string {
  const shown = chart.points.filter((p) => finite(p.value));
  const values = { title, unit: chart.unit, range: chart.currentName, comparison: chart.comparisonName };
  const compared = chart.comparisonName !== null;
  if (shown.length === 0)
    return i18n.t(compared ? "dashboard.chart.summaryEmptyCompared" : "dashboard.chart.summaryEmpty", values);
  const low = shown.reduce((a, b) => (b.value! < a.value! ? b : a));
  const high = shown.reduce((a, b) => (b.value! > a.value! ? b : a));
  return i18n.t(compared ? "dashboard.chart.summaryCompared" : "dashboard.chart.summary", {
    ...values,
    low: show(low.value),
    lowLabel: low.label,
    high: show(high.value),
    highLabel: high.label,
  });
}
