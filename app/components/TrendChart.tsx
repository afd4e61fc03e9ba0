import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useT } from "~/i18n/I18nProvider";
import type { KpiFormat } from "~/pages/kpi-catalog";
import { formatAxisTick, formatKpi } from "~/pages/kpi-format";
import { usePolarisColors } from "./usePolarisColors";

export interface TrendPoint {
  readonly tick: string;
  readonly label: string;
  readonly value: number | null;
  readonly comparisonLabel: string | null;
  readonly comparison: number | null;
}

const HEIGHT = 280;

/**
 * The KPI trend with its comparison series (recharts, see docs/decisions). The box has a fixed height so
 * nothing moves when the chart draws after hydration; the same numbers are in the table below it.
 */
export function TrendChart({
  points,
  format,
  currency,
  title,
  comparisonName,
}: {
  points: readonly TrendPoint[];
  format: KpiFormat;
  currency: string;
  title: string;
  comparisonName: string;
}) {
  const i18n = useT();
  const colors = usePolarisColors();
  const data = points.map((p) => ({ ...p }));
  const describe = (value: unknown) =>
    formatKpi(typeof value === "number" ? value : null, format, currency, i18n);
  return (
    <figure style={{ margin: 0 }} aria-label={i18n.t("dashboard.chart.trendLabel", { title })}>
      <div style={{ width: "100%", height: HEIGHT }}>
        <ResponsiveContainer width="100%" height={HEIGHT}>
          <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }} accessibilityLayer>
            <CartesianGrid stroke={colors.grid} vertical={false} />
            <XAxis
              dataKey="tick"
              stroke={colors.axis}
              tick={{ fill: colors.axis, fontSize: 12 }}
              minTickGap={24}
            />
            <YAxis
              stroke={colors.axis}
              tick={{ fill: colors.axis, fontSize: 12 }}
              tickFormatter={(v: number) => formatAxisTick(v, format, currency, i18n)}
              width={80}
            />
            <Tooltip
              formatter={(value, name) => [describe(value), name]}
              labelFormatter={(_, payload) => (payload?.[0]?.payload as TrendPoint | undefined)?.label ?? ""}
            />
            {/* Its own legend: recharts' default labels each icon "<name> legend icon", in English. */}
            <Legend
              content={() => (
                <TrendLegend
                  items={[
                    { name: title, color: colors.current, dashed: false },
                    { name: comparisonName, color: colors.comparison, dashed: true },
                  ]}
                />
              )}
            />
            <Line
              type="monotone"
              dataKey="value"
              name={title}
              stroke={colors.current}
              strokeWidth={2}
              dot={false}
              connectNulls={false}
              isAnimationActive={false}
            />
            <Line
              type="monotone"
              dataKey="comparison"
              name={comparisonName}
              stroke={colors.comparison}
              strokeDasharray="4 4"
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

function TrendLegend({ items }: { items: ReadonlyArray<{ name: string; color: string; dashed: boolean }> }) {
  return (
    <ul
      style={{
        display: "flex",
        flexWrap: "wrap",
        justifyContent: "center",
        gap: "4px 16px",
        listStyle: "none",
        margin: 0,
        padding: 0,
        fontSize: 12,
      }}
    >
      {items
        .filter((item) => item.name !== "")
        .map((item) => (
          <li key={item.name} style={{ display: "flex", alignItems: "center", gap: 6 }}>
            <svg width={16} height={8} aria-hidden="true" focusable="false">
              <line
                x1={0}
                x2={16}
                y1={4}
                y2={4}
                stroke={item.color}
                strokeWidth={2}
                strokeDasharray={item.dashed ? "4 4" : undefined}
              />
            </svg>
            {item.name}
          </li>
        ))}
    </ul>
  );
}
