/** Shared shapes of the predictive CLV models. Times (tx, T) are in one unit chosen by the caller (days or weeks). */

/** One customer's calibration history: x repeat purchase days, the last at tx, observed for T since the first. */
export interface RfmObservation {
  x: number;
  tx: number;
  T: number;
}

/** RFM plus zbar, the mean spend per repeat purchase day (0 when x = 0). */
export interface CustomerSummary extends RfmObservation {
  id: string;
  zbar: number;
}

export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/** Pareto/NBD (Schmittlein et al. 1987): purchase rate λ ~ Gamma(r, α), dropout rate μ ~ Gamma(s, β). */
export interface ParetoNbdParams {
  r: number;
  alpha: number;
  s: number;
  beta: number;
}

export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

/** A fit either succeeds with finite, non-degenerate values or says why it did not. */
export type FitOutcome<T> = { ok: true; value: T } | { ok: false; reason: string };
