import { describe, expect, it } from "vitest";
import type { ClvStoryInput } from "~/pages/clv-story";
import { CLV_STORY_EN, clvKindOf, clvStory, predictiveBlank } from "~/pages/clv-story";

const input = (over: Partial<ClvStoryInput> = {}): ClvStoryInput => ({
  marginPct: null,
  historical: { value: 12_000, blank: null },
  formula: { value: 19_852, blank: null },
  predictive: { value: 3_349, blank: null, horizonDays: 365, fitMargin: 1 },
  ...over,
});
const labels = (story: ReturnType<typeof clvStory>) => story.figures.map((f) => f.label);

describe("CLV story", () => {
  it("names the three figures plainly without a margin and says they are revenue", () => {
    const story = clvStory(input());
    expect(labels(story)).toEqual(["Historical CLV", "Formula CLV", "Predictive CLV"]);
    expect(story.revenueNote).toBe(CLV_STORY_EN.revenueBased);
    expect(story.figures.map((f) => f.value)).toEqual([12_000, 19_852, 3_349]);
    expect(story.figures.every((f) => f.profitNote === null && f.blank === null)).toBe(true);
  });

  it("turns every figure into its profit version with a margin, and the labels say so", () => {
    const story = clvStory(
      input({
        marginPct: 40,
        predictive: { value: 1_340, blank: null, horizonDays: 365, fitMargin: 0.4 },
      }),
    );
    expect(labels(story)).toEqual([
      "Profit-based historical CLV",
      "Profit-based formula CLV",
      "Profit-based predictive CLV",
    ]);
    expect(labels(story).every((l) => l.startsWith("Profit-based"))).toBe(true);
    expect(story.revenueNote).toBeNull();
    // Historical CLV is stored as revenue: its profit version is that times the margin.
    expect(story.figures[0]!.value).toBeCloseTo(4_800, 9);
    expect(story.figures[0]!.profitNote).toContain("40%");
    // Formula and predictive are margin-weighted where they are computed: shown as given.
    expect(story.figures[1]!.value).toBe(19_852);
    expect(story.figures[2]!.value).toBe(1_340);
    expect(story.marginStale).toBeNull();
  });

  it("relates each figure to the others and states the prediction's horizon", () => {
    const story = clvStory(input({ predictive: { ...input().predictive, horizonDays: 180 } }));
    const [historical, formula, predictive] = story.figures;
    expect(historical!.measures).toMatch(/spent so far/);
    expect(formula!.measures).toMatch(/AOV × purchase frequency × expected lifetime/);
    expect(predictive!.measures).toContain("next 180 days");
    expect(formula!.relation).toMatch(/predictive/);
    expect(predictive!.relation).toMatch(/formula/);
    expect(story.use).toMatch(/Budget acquisition with the predictive figure/);
  });

  it("says why a figure is blank, and keeps the reason only for blanks", () => {
    const story = clvStory(
      input({
        historical: { value: 100, blank: "ignored with a value" },
        formula: { value: null, blank: "Needs 12 months of history." },
        predictive: {
          value: null,
          blank: predictiveBlank("none", null)!,
          horizonDays: 365,
          fitMargin: null,
        },
      }),
    );
    expect(story.figures.map((f) => f.blank)).toEqual([
      null,
      "Needs 12 months of history.",
      CLV_STORY_EN.predictiveBlank.none,
    ]);
    // A blank historical figure stays blank with a margin (no 0 × margin).
    const blankWithMargin = clvStory(
      input({ marginPct: 50, historical: { value: null, blank: "No orders imported yet." } }),
    );
    expect(blankWithMargin.figures[0]).toMatchObject({ value: null, blank: "No orders imported yet." });
  });

  it("uses the model run's own reason when it had too little data", () => {
    expect(predictiveBlank("insufficient", "Only 3 repeat customers.")).toBe("Only 3 repeat customers.");
    expect(predictiveBlank("insufficient", null)).toBe(CLV_STORY_EN.predictiveBlank.insufficient);
    expect(predictiveBlank("failed", "boom")).toBe(CLV_STORY_EN.predictiveBlank.failed);
    expect(predictiveBlank("ok", null)).toBeNull();
  });

  it("labels the prediction by the margin it was fitted with, and says when the setting changed since", () => {
    const newer = clvStory(input({ marginPct: 30 }));
    expect(newer.marginStale).toBe(CLV_STORY_EN.marginStale);
    expect(newer.figures.map((f) => f.label)).toEqual([
      "Profit-based historical CLV",
      "Profit-based formula CLV",
      "Predictive CLV",
    ]);
    const changed = clvStory(input({ marginPct: 30, predictive: { ...input().predictive, fitMargin: 0.4 } }));
    expect(changed.marginStale).toBe(CLV_STORY_EN.marginStale);
    expect(changed.figures[2]!.label).toBe("Profit-based predictive CLV");
    const removed = clvStory(input({ predictive: { ...input().predictive, fitMargin: 0.4 } }));
    expect(removed.figures[2]!.label).toBe("Profit-based predictive CLV");
    expect(removed.marginStale).toBe(CLV_STORY_EN.marginStale);
    expect(
      clvStory(input({ predictive: { ...input().predictive, fitMargin: null } })).marginStale,
    ).toBeNull();
  });

  it("knows which KPI pages are part of the story", () => {
    expect(clvKindOf("formula_clv")).toBe("formula");
    expect(clvKindOf("historical_clv")).toBe("historical");
    expect(clvKindOf("aov")).toBeNull();
  });
});
