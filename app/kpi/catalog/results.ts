/** Building a KpiResult from an amount or a ratio. */
import type { Ratio } from "~/kpi/types";
import type { KpiResult } from "./types";

/** A figure that is no ratio (an amount, a count, a product of ratios). */
export const amount = (value: number | null): KpiResult => ({ value, numerator: null, denominator: null });

export const ofRatio = (r: Ratio): KpiResult => ({
  value: r.value,
  numerator: r.numerator,
  denominator: r.denominator,
});

/** A ratio that only exists with an optional setting (marketing spend). */
export const ofOptionalRatio = (r: Ratio | null): KpiResult => (r === null ? amount(null) : ofRatio(r));
