import { describe, expect, it } from "vitest";
import { churnRiskSegment } from "~/clv/clv-model.server";
import { csvResponse, toCsv } from "~/pages/csv";
import { nextOrderText, segmentOf } from "~/pages/customer-segments";
import { KPI_CATALOG } from "~/pages/kpi-catalog";
import { csvKpi, formatKpi, kpiChange } from "~/pages/kpi-format";
import { changedFields, parseSpend, readSettingsForm, spendUpdate } from "~/pages/settings-form";
import { pointLabel, pointTick } from "~/pages/period-labels";
import { readViewState, resolveRange, trendGranularity, trendRange, viewSearch } from "~/pages/view-state";

const NOW = new Date("2026-11-23T15:30:00Z");
const ZONE = "Europe/Warsaw";

describe("view state in the URL", () => {
  it("round-trips through the query string and ignores unknown values", () => {
    const view = readViewState(
      new URLSearchParams("range=custom&period=2026-Q1&compare=year&granularity=week"),
    );
    expect(view).toEqual({ range: "custom", period: "2026-Q1", compare: "year", granularity: "week" });
    expect(readViewState(new URLSearchParams(viewSearch(view).slice(1)))).toEqual(view);
    expect(readViewState(new URLSearchParams("range=forever&compare=x&granularity=hour"))).toEqual({
      range: "last-30-days",
      period: "",
      compare: "previous",
      granularity: null,
    });
  });

  it("resolves each preset to the snapshotted period as of the recompute", () => {
    const label = (range: string, period = "") =>
      resolveRange({ ...readViewState(new URLSearchParams()), range: range as never, period }, ZONE, NOW)
        .period.label;
    expect(label("last-7-days")).toBe("last-7-days");
    expect(label("month-to-date")).toBe("2026-11");
    expect(label("last-month")).toBe("2026-10");
    expect(label("quarter-to-date")).toBe("2026-Q4");
    expect(label("year-to-date")).toBe("2026");
    expect(label("custom", "2025-W10")).toBe("2025-W10");
  });

  it("explains a custom period it cannot read, and refuses rolling and future ones", () => {
    const custom = (period: string) =>
      resolveRange({ range: "custom", period, compare: "previous", granularity: null }, ZONE, NOW);
    expect(custom("March").error).toMatch(/not a period/);
    expect(custom("last-45-days").error).toMatch(/presets/);
    expect(custom("2027").error).toMatch(/not started/);
    expect(custom("2026-02-30").error).toMatch(/not a period/);
  });

  it("trend points: calendar units starting from the unit holding the first day up to the range's end", () => {
    const { period } = resolveRange(
      { range: "month-to-date", period: "", compare: "previous", granularity: null },
      ZONE,
      NOW,
    );
    expect(
      trendGranularity(
        { range: "month-to-date", period: "", compare: "previous", granularity: null },
        period,
      ),
    ).toBe("day");
    expect(trendRange(period, "day")).toEqual({ from: new Date("2026-10-31T23:00:00Z"), to: NOW });
    // The ISO week holding Sunday Nov 1 started on Monday Oct 26 (local midnight, CET).
    expect(trendRange(period, "week").from).toEqual(new Date("2026-10-25T23:00:00Z"));
  });

  it("names trend points for people", () => {
    expect(pointLabel("2026-11-23", true)).toBe("Nov 23 (so far)");
    expect(pointLabel("2026-W47", false)).toBe("Week of Nov 16");
    expect(pointLabel("2026-03", false)).toBe("Mar 2026");
    expect(pointTick("2026-W01")).toBe("Dec 29");
  });
});

describe("values and changes", () => {
  it("shows undefined as a dash, never as zero", () => {
    expect(formatKpi(null, "percent", "USD")).toBe("—");
    expect(formatKpi(12345, "money", "USD")).toBe("$123.45");
    expect(formatKpi(1234, "money", "JPY")).toBe("¥1,234");
    expect(formatKpi(0.1234, "percent", "USD")).toBe("12.3%");
  });

  it("rounds a fractional money value to whole cents the same way on screen and in the CSV (half away from zero)", () => {
    // An average of 11,498.5 cents: 114.985 dollars has no exact binary form (114.98499…).
    for (const [minor, shown, csv] of [
      [11498.5, "$114.99", "114.99"],
      [11498.49, "$114.98", "114.98"],
      [-11498.5, "-$114.99", "-114.99"],
      [1000.5, "$10.01", "10.01"],
      [0.5, "$0.01", "0.01"],
    ] as const) {
      expect(formatKpi(minor, "money", "USD")).toBe(shown);
      expect(csvKpi(minor, "money", "USD")).toBe(csv);
    }
    expect([formatKpi(1234.5, "money", "JPY"), csvKpi(1234.5, "money", "JPY")]).toEqual(["¥1,235", "1235"]);
  });

  it("judges a change by the KPI's own direction: churn up is worse, AOV up is better", () => {
    expect(kpiChange(0.06, 0.05, "percent", false)).toEqual({
      text: "+1.0 pts",
      direction: "up",
      verdict: "worse",
    });
    expect(kpiChange(0.04, 0.05, "percent", false).verdict).toBe("better");
    expect(kpiChange(110, 100, "money", true)).toEqual({
      text: "+10.0%",
      direction: "up",
      verdict: "better",
    });
    expect(kpiChange(null, 100, "money", true).verdict).toBe("unknown");
  });

  it("every catalog entry with a numerator has a denominator, and slugs are unique", () => {
    for (const entry of KPI_CATALOG) expect(Boolean(entry.numerator)).toBe(Boolean(entry.denominator));
    expect(new Set(KPI_CATALOG.map((e) => e.slug)).size).toBe(KPI_CATALOG.length);
  });
});

describe("customer segments", () => {
  it("match the engine's risk buckets at the thresholds the page states", () => {
    expect(segmentOf(churnRiskSegment(0.71), 2)).toBe("loyal");
    expect(segmentOf(churnRiskSegment(0.69), 2)).toBe("at-risk");
    expect(segmentOf(churnRiskSegment(0.11), 2)).toBe("at-risk");
    expect(segmentOf(churnRiskSegment(0.09), 2)).toBe("lost");
    expect(segmentOf(churnRiskSegment(1), 0)).toBe("promising");
  });

  it("words the expected next order as a rough wait", () => {
    expect(nextOrderText(0.01, 365)).toBe("not expected within a year");
    expect(nextOrderText(4, 365)).toBe("in about 3 months");
    expect(nextOrderText(52, 365)).toBe("in about 7 days");
  });
});

describe("CSV", () => {
  it("quotes separators and defuses spreadsheet formulas in text cells", () => {
    expect(toCsv([["a,b", 'say "hi"', "=SUM(A1)", -5, "-3", null]])).toBe(
      '"a,b","say ""hi""",\'=SUM(A1),-5,-3,\r\n',
    );
  });

  it('starts a download with a UTF-8 byte-order mark, so Excel keeps "−" and "zł" intact', async () => {
    const bytes = new Uint8Array(await csvResponse("x.csv", toCsv([["−5 zł"]])).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes)).toBe("\uFEFF−5 zł\r\n");
  });
});

describe("settings form", () => {
  it("reads the posted strings, unchecked boxes as false", () => {
    const form = new FormData();
    form.set("activityWindowDays", " 90 ");
    form.set("refundAttribution", "order_date");
    form.set("digestEnabled", "on");
    const values = readSettingsForm(form);
    expect(values).toMatchObject({
      activityWindowDays: "90",
      refundAttribution: "order_date",
      digestEnabled: true,
    });
    expect(changedFields(values, { ...values, graceMinutes: "5" })).toEqual(["graceMinutes"]);
  });

  it("keeps past months of marketing spend and sets the current one", () => {
    expect(spendUpdate({ "2026-09": 100, "2026-12": 5 }, 250_000, "2026-11")).toEqual({
      "2026-09": 100,
      "2026-11": 250_000,
    });
    expect(parseSpend("2,500.50", 2)).toEqual({ ok: true, minor: 250_050 });
    expect(parseSpend("lots", 2).ok).toBe(false);
  });
});
