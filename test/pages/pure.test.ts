import { describe, expect, it } from "vitest";
import { churnRiskSegment } from "~/clv/clv-model.server";
import { csvResponse, toCsv } from "~/pages/csv";
import { nextOrderText, segmentOf } from "~/pages/customer-segments";
import { kpiEntries } from "~/pages/kpi-catalog";
import { csvKpi, formatAxisTick, formatKpi, kpiChange } from "~/pages/kpi-format";
import {
  changedFields,
  monthLabel,
  parseSpend,
  parseSpendEntries,
  readSettingsForm,
  spendMonths,
} from "~/pages/settings-form";
import { pointLabel, pointTick } from "~/pages/period-labels";
import type { ViewState } from "~/pages/view-state";
import {
  customRangeError,
  DEFAULT_VIEW,
  periodDays,
  pickerDays,
  readViewState,
  resolveRange,
  trendGranularity,
  trendRange,
  viewSearch,
} from "~/pages/view-state";
import { translatorFor } from "~/i18n/catalog.server";

const en = translatorFor("en");
const KPI_CATALOG = kpiEntries(en);

const NOW = new Date("2026-11-23T15:30:00Z");
const ZONE = "Europe/Warsaw";

describe("view state in the URL", () => {
  const view = (range: string, from = "", to = ""): ViewState => ({
    ...DEFAULT_VIEW,
    range: range as ViewState["range"],
    from,
    to,
  });

  it("round-trips through the query string and ignores unknown values", () => {
    const read = readViewState(
      new URLSearchParams("range=custom&from=2025-11-24&to=2025-12-01&compare=none&granularity=week"),
    );
    expect(read).toEqual({
      range: "custom",
      from: "2025-11-24",
      to: "2025-12-01",
      compare: "none",
      granularity: "week",
    });
    expect(readViewState(new URLSearchParams(viewSearch(read).slice(1)))).toEqual(read);
    expect(viewSearch(read)).toBe(
      "?range=custom&from=2025-11-24&to=2025-12-01&compare=none&granularity=week",
    );
    expect(readViewState(new URLSearchParams("range=forever&compare=x&granularity=hour"))).toEqual(
      DEFAULT_VIEW,
    );
    // A preset drops stray days.
    expect(readViewState(new URLSearchParams("range=today&from=2025-01-01&to=2025-01-02"))).toEqual({
      ...DEFAULT_VIEW,
      range: "today",
    });
  });

  it("keeps the URLs written before from–to: a period name maps to its days", () => {
    const legacy = (period: string) =>
      readViewState(new URLSearchParams(`range=custom&period=${period}&compare=year`));
    expect(legacy("2026-Q1")).toMatchObject({
      range: "custom",
      from: "2026-01-01",
      to: "2026-03-31",
      compare: "year",
    });
    expect(legacy("2026-W10")).toMatchObject({ from: "2026-03-02", to: "2026-03-08" });
    expect(legacy("2024-02")).toMatchObject({ from: "2024-02-01", to: "2024-02-29" });
    expect(legacy("2025")).toMatchObject({ from: "2025-01-01", to: "2025-12-31" });
    expect(legacy("2026-03-09")).toMatchObject({ from: "2026-03-09", to: "2026-03-09" });
    // And it reads the calendar unit's own snapshot.
    const q1 = resolveRange(legacy("2026-Q1"), ZONE, NOW);
    expect(q1).toMatchObject({ error: null, snapshotted: true });
    expect(q1.period.label).toBe("2026-Q1");
    expect(resolveRange(legacy("2025-W10"), ZONE, NOW).period.label).toBe("2025-W10");
    expect(resolveRange(legacy("last-45-days"), ZONE, NOW).error).toMatch(/not a date/);
    expect(resolveRange(legacy("March"), ZONE, NOW).error).toMatch(/not a date/);
  });

  it("resolves each preset to the snapshotted period as of the recompute", () => {
    const label = (range: string) => {
      const resolved = resolveRange(view(range), ZONE, NOW);
      expect(resolved).toMatchObject({ error: null, snapshotted: true });
      return resolved.period.label;
    };
    expect(label("today")).toBe("2026-11-23");
    expect(resolveRange(view("today"), ZONE, NOW).period.end).toEqual(NOW);
    expect(label("yesterday")).toBe("2026-11-22");
    expect(label("last-7-days")).toBe("last-7-days");
    expect(label("last-365-days")).toBe("last-365-days");
    expect(label("last-week")).toBe("2026-W47");
    expect(label("last-month")).toBe("2026-10");
    expect(label("last-quarter")).toBe("2026-Q3");
    expect(label("last-year")).toBe("2025");
    expect(label("week-to-date")).toBe("2026-W48");
    expect(label("month-to-date")).toBe("2026-11");
    expect(label("quarter-to-date")).toBe("2026-Q4");
    expect(label("year-to-date")).toBe("2026");
    const days = pickerDays(ZONE, NOW);
    expect(days.today).toBe("2026-11-23");
    expect(days.presets["last-week"]).toEqual({ from: "2026-11-16", to: "2026-11-22" });
    expect(days.presets["today"]).toEqual({ from: "2026-11-23", to: "2026-11-23" });
  });

  it("reads a free from–to range of up to two years, ending today at the latest", () => {
    const custom = (from: string, to: string) => resolveRange(view("custom", from, to), ZONE, NOW);
    const blackFriday = custom("2025-11-24", "2025-12-01");
    expect(blackFriday).toMatchObject({ error: null, snapshotted: false });
    expect(blackFriday.period.start).toEqual(new Date("2025-11-23T23:00:00Z"));
    expect(blackFriday.period.end).toEqual(new Date("2025-12-01T23:00:00Z"));
    expect(periodDays(blackFriday.period)).toEqual({ from: "2025-11-24", to: "2025-12-01" });
    // Ending today: up to the recompute's now.
    expect(custom("2026-11-01", "2026-11-23").period.end).toEqual(NOW);
    expect(custom("2024-11-22", "2026-11-22")).toMatchObject({ error: null });
    expect(custom("2024-11-21", "2026-11-22").error).toMatch(/732 days: choose two years/);
    expect(custom("2026-11-10", "2026-11-01").error).toMatch(/before the start/);
    expect(custom("2026-11-10", "2026-11-24").error).toMatch(/future/);
    expect(custom("2026-11-24", "2026-11-25").error).toMatch(/not started/);
    expect(custom("2026-02-30", "2026-03-01").error).toMatch(/not a date/);
    expect(custom("", "").error).toMatch(/Choose a start and an end/);
    // An error shows the default range instead.
    expect(custom("2026-02-30", "2026-03-01").period.label).toBe("last-30-days");
    // Exactly a calendar unit: its snapshot, with every KPI.
    expect(custom("2026-10-01", "2026-10-31")).toMatchObject({
      snapshotted: true,
      period: { label: "2026-10" },
    });
    expect(custom("2026-11-16", "2026-11-22").period.label).toBe("2026-W47");
    expect(custom("2026-11-17", "2026-11-23").snapshotted).toBe(false);
    expect(customRangeError("2026-01-01", "2026-01-05", { year: 2026, month: 11, day: 23 })).toBeNull();
  });

  it("trend points: calendar units starting from the unit holding the first day up to the range's end", () => {
    const { period } = resolveRange(view("month-to-date"), ZONE, NOW);
    expect(trendGranularity(view("month-to-date"), period)).toBe("day");
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
    expect(formatKpi(null, "percent", "USD", en)).toBe("—");
    expect(formatKpi(12345, "money", "USD", en)).toBe("$123.45");
    expect(formatKpi(1234, "money", "JPY", en)).toBe("¥1,234");
    expect(formatKpi(0.1234, "percent", "USD", en)).toBe("12.3%");
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
      expect(formatKpi(minor, "money", "USD", en)).toBe(shown);
      expect(csvKpi(minor, "money", "USD")).toBe(csv);
    }
    expect([formatKpi(1234.5, "money", "JPY", en), csvKpi(1234.5, "money", "JPY")]).toEqual([
      "¥1,235",
      "1235",
    ]);
  });

  it("judges a change by the KPI's own direction: churn up is worse, AOV up is better", () => {
    expect(kpiChange(0.06, 0.05, "percent", false, en)).toEqual({
      text: "+1.0 pts",
      direction: "up",
      verdict: "worse",
    });
    expect(kpiChange(0.04, 0.05, "percent", false, en).verdict).toBe("better");
    expect(kpiChange(110, 100, "money", true, en)).toEqual({
      text: "+10.0%",
      direction: "up",
      verdict: "better",
    });
    expect(kpiChange(null, 100, "money", true, en).verdict).toBe("unknown");
  });

  it("every catalog entry with a numerator has a denominator, and slugs are unique", () => {
    for (const entry of KPI_CATALOG) expect(Boolean(entry.numerator)).toBe(Boolean(entry.denominator));
    expect(new Set(KPI_CATALOG.map((e) => e.slug)).size).toBe(KPI_CATALOG.length);
  });
});

describe("customer segments", () => {
  it("read the stored segment, and rows stored as risk buckets as their nearest segment", () => {
    for (const s of ["new", "active", "promising", "at-risk", "lapsed", "lost"] as const)
      expect(segmentOf(s, 0)).toBe(s);
    expect(segmentOf(churnRiskSegment(0.71), 2)).toBe("active");
    expect(segmentOf(churnRiskSegment(0.69), 2)).toBe("at-risk");
    expect(segmentOf(churnRiskSegment(0.11), 2)).toBe("lapsed");
    expect(segmentOf(churnRiskSegment(0.09), 2)).toBe("lost");
    expect(segmentOf(churnRiskSegment(1), 0)).toBe("promising");
  });

  it("words the expected next order as a rough wait, and never for Lost", () => {
    expect(nextOrderText("active", 0.01, 365)).toBe("not expected");
    expect(nextOrderText("lapsed", 0.5, 365)).toBe("not expected within a year");
    expect(nextOrderText("active", 4, 365)).toBe("in about 3 months");
    expect(nextOrderText("active", 52, 365)).toBe("in about 7 days");
    expect(nextOrderText("lost", 4, 365)).toBe("not expected");
  });
});

describe("chart axis ticks", () => {
  it("drop cents from 100 up and go compact from 10,000; other formats read as on the cards", () => {
    expect(formatAxisTick(4_250, "money", "USD", en)).toBe("$42.50");
    expect(formatAxisTick(7_000, "money", "USD", en)).toBe("$70");
    expect(formatAxisTick(0, "money", "USD", en)).toBe("$0");
    expect(formatAxisTick(12_345, "money", "USD", en)).toBe("$123");
    expect(formatAxisTick(1_234_567, "money", "USD", en)).toBe("$12.3K");
    expect(formatAxisTick(-250_000, "money", "USD", en)).toBe("-$2,500");
    expect(formatAxisTick(150_000, "money", "JPY", en)).toBe("¥150K");
    expect(formatAxisTick(0.1234, "percent", "USD", en)).toBe("12.3%");
    expect(formatAxisTick(1_234, "count", "USD", en)).toBe("1,234");
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

  it("lists the last 12 months and every older saved one, newest first, never a future month", () => {
    const months = spendMonths(["2024-02", "2026-09", "2027-01"], "2026-11");
    expect(months.slice(0, 3)).toEqual(["2026-11", "2026-10", "2026-09"]);
    expect(months).toHaveLength(13);
    expect(months.at(-2)).toBe("2025-12");
    expect(months.at(-1)).toBe("2024-02");
    expect(monthLabel("2026-01", en)).toBe("Jan 2026");
  });

  it("reads posted spend months: amounts, cleared months, and every month's problem at once", () => {
    const form = new FormData();
    form.set("spend:2026-11", " 1,200.50 ");
    form.set("spend:2026-10", "");
    expect(readSettingsForm(form).marketingSpend).toEqual({ "2026-11": "1,200.50", "2026-10": "" });
    expect(
      parseSpendEntries({ "2026-11": "1,200.50", "2026-10": "", "2019-03": "0" }, 2, "2026-11", en),
    ).toEqual({
      ok: true,
      entries: { "2026-11": 120_050, "2026-10": null, "2019-03": 0 },
    });
    expect(
      parseSpendEntries(
        { "2026-12": "5", "2026-10": "-3", "2026-09": "2000000000", "2026-08": "lots", "2026-07": "1" },
        2,
        "2026-11",
        en,
      ),
    ).toEqual({
      ok: false,
      errors: {
        "spend:2026-12": "is in the future: enter spend once the month has started",
        "spend:2026-10": "cannot be negative",
        "spend:2026-09": "must be at most 1,000,000,000 a month",
        "spend:2026-08": "must be an amount such as 2500 or 2500.50",
      },
    });
    expect(parseSpend("2,500.50", 2, en)).toEqual({ ok: true, minor: 250_050 });
    expect(parseSpend("lots", 2, en).ok).toBe(false);
  });
});
