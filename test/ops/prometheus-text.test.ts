import { describe, expect, it } from "vitest";

import { parsePrometheusText } from "../support/prometheus-text";

const family = (sample: string) => `# TYPE lag gauge\n${sample}\n`;

describe("the test suite's Prometheus text parser", () => {
  it("reads NaN and infinities the way Prometheus does, in any case", () => {
    // prom-client writes "Nan" for the mean of an empty event-loop histogram.
    expect(parsePrometheusText(family('lag{process="web"} Nan'))[0]!.value).toBeNaN();
    expect(parsePrometheusText(family("lag NaN"))[0]!.value).toBeNaN();
    expect(parsePrometheusText(family("lag +Inf"))[0]!.value).toBe(Infinity);
    expect(parsePrometheusText(family("lag -inf"))[0]!.value).toBe(-Infinity);
    expect(parsePrometheusText(family("lag 1.5e-3 1700000000000"))[0]!.value).toBe(0.0015);
  });

  it("still refuses a value that is no number and a sample of no family", () => {
    expect(() => parsePrometheusText(family("lag fast"))).toThrow(/not a number/);
    expect(() => parsePrometheusText("other 1\n")).toThrow(/belongs to no TYPE/);
  });
});
