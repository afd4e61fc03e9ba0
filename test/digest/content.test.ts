/** Pure parts of the digest: changes, usual range, what-stands-out sentences, number formats, charts. */
import { describe, expect, it } from "vitest";
import { digestRows } from "~/digest/digest-content";
import { changeOf } from "~/digest/digest-kpis";
import { digestFormat, usableLocale } from "~/digest/format";
import { highlights } from "~/digest/highlights";
import { trendChartSvg } from "~/digest/trend-chart";
import { svgToPng } from "~/digest/trend-chart-png.server";
import { outsideRange, usualRange } from "~/digest/usual-range";

describe("digest content", () => {
  it("changes: relative for money and counts (null without a positive base), points for rates", () => {
    expect(changeOf("money", 1100, 1000)).toBeCloseTo(0.1);
    expect(changeOf("count", 5, 0)).toBeNull();
    expect(changeOf("money", 5, -10)).toBeNull();
    expect(changeOf("rate", 0.25, 0.2)).toBeCloseTo(0.05);
    expect(changeOf("rate", null, 0.2)).toBeNull();
  });

  it("usual range is mean ± 2 sample standard deviations, needing six defined weeks that vary", () => {
    const range = usualRange([10, 12, 10, 12, 10, 12, null]);
    expect(range!.mean).toBe(11);
    expect(range!.high - range!.mean).toBeCloseTo(2 * Math.sqrt(6 / 5));
    expect(usualRange([10, 12, 10, 12, 10])).toBeNull();
    expect(usualRange([5, 5, 5, 5, 5, 5])).toBeNull();
    expect(outsideRange(20, range)).toBe("above");
    expect(outsideRange(11, range)).toBeNull();
    expect(outsideRange(null, range)).toBeNull();
  });

  it("formats in the shop's currency and locale, undefined as —", () => {
    const us = digestFormat("en-US", "USD");
    expect(us.value("money", 123456)).toBe("$1,234.56");
    expect(us.value("money", null)).toBe("—");
    expect(us.value("rate", 0.1234)).toBe("12.3%");
    expect(us.change("rate", -0.012)).toBe("-1.2 pts");
    expect(us.change("money", 0.25)).toBe("+25%");
    expect(us.change("count", null)).toBe("—");
    expect(digestFormat("ja-JP", "JPY").value("money", 1200)).toBe("￥1,200");
    expect(digestFormat("de-DE", "KWD").value("money", 1234)).toBe("1,234\u00a0KWD");
    expect(usableLocale("not a locale!")).toBe("en");
  });

  it("says the largest moves first, and KPIs outside their usual range", () => {
    const history = (last: number | null, base: number) => [
      ...Array.from({ length: 12 }, (_, i) => base + (i % 2 ? 1 : -1) * base * 0.02),
      last,
    ];
    const rows = digestRows(
      {
        current: new Map<string, number | null>([
          ["total_sales", 150_000],
          ["orders", 30],
          ["churn_rate", 0.3],
          ["aov", null],
        ]),
        previous: new Map<string, number | null>([
          ["total_sales", 100_000],
          ["orders", 29],
          ["churn_rate", 0.2],
          ["aov", 5_000],
        ]),
        yearAgo: new Map(),
        history: new Map([
          ["total_sales", history(150_000, 100_000)],
          ["churn_rate", history(0.3, 0.2)],
        ]),
      },
      12,
      12,
      "x",
    );
    const sentences = highlights(rows, digestFormat("en-US", "USD"));
    expect(sentences[0]).toBe("Total sales rose 50% to $1,500.00 against the week before.");
    expect(sentences[1]).toBe("Churn rate rose 10.0 pts to 30.0% against the week before — worth a look.");
    expect(sentences.some((s) => s.startsWith("Orders"))).toBe(false); // +3.4 %: not news
    // 12 weeks alternating ±2 % around $1,000: sample sd = $20 × √(12/11).
    expect(sentences).toContain(
      "Total sales was $1,500.00, above its usual range of $958.22 to $1,041.78 (the previous 12 weeks).",
    );
    expect(sentences).toHaveLength(4);
    expect(
      highlights(
        digestRows(
          { current: new Map(), previous: new Map(), yearAgo: new Map(), history: new Map() },
          12,
          12,
          "x",
        ),
        digestFormat("en", "USD"),
      ),
    ).toEqual(["A steady week: no KPI moved more than 5 % or left its usual range."]);
  });

  it("draws a chart with gaps for undefined weeks and renders it to PNG", () => {
    const svg = trendChartSvg([1, 2, null, 4, 5], { mean: 3, low: 1, high: 5 });
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    expect(svg).toContain("<rect");
    expect(svg).toContain("<circle");
    expect(trendChartSvg([null, null], null)).not.toContain("<polyline");
    const png = svgToPng(svg);
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    expect(png.readUInt32BE(16)).toBe(320); // 160 px at 2×
  });
});
