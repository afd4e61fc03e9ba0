/**
 * BG/NBD log-likelihood (Fader, Hardie & Lee 2005, eq. 6), evaluated on customers grouped by identical
 * (x, tx, T) so that large shops cost a few thousand terms per evaluation rather than one per customer.
 */
import type { BgNbdParams, RfmObservation } from "./types";
import { lnBeta, lnGamma } from "./special";

/** Customers collapsed into weighted groups, with indexes into the distinct x, tx and T values. */
export interface GroupedRfm {
  customers: number;
  distinctX: Float64Array;
  /** Customers per distinct x (for the terms that depend on x only). */
  weightPerX: Float64Array;
  distinctT: Float64Array;
  distinctTx: Float64Array;
  /** One entry per group of identical (x, tx, T). */
  xIndex: Int32Array;
  tIndex: Int32Array;
  txIndex: Int32Array;
  weight: Float64Array;
  /** True for groups with x = 0 (no second likelihood term). */
  noRepeat: Uint8Array;
}

export function assertValidObservation(o: RfmObservation): void {
  const valid =
    Number.isInteger(o.x) &&
    o.x >= 0 &&
    o.tx >= 0 &&
    o.T >= o.tx &&
    Number.isFinite(o.T) &&
    (o.x > 0 || o.tx === 0);
  if (!valid) throw new RangeError(`invalid RFM observation x=${o.x} tx=${o.tx} T=${o.T}`);
}

function indexer(): { indexOf: (v: number) => number; values: number[] } {
  const positions = new Map<number, number>();
  const values: number[] = [];
  return {
    values,
    indexOf(v) {
      let i = positions.get(v);
      if (i === undefined) {
        i = values.length;
        positions.set(v, i);
        values.push(v);
      }
      return i;
    },
  };
}

export function groupObservations(observations: readonly RfmObservation[]): GroupedRfm {
  const xs = indexer();
  const ts = indexer();
  const txs = indexer();
  const groups = new Map<string, number>();
  const groupX: number[] = [];
  const groupT: number[] = [];
  const groupTx: number[] = [];
  const groupWeight: number[] = [];
  for (const o of observations) {
    assertValidObservation(o);
    const xi = xs.indexOf(o.x);
    const ti = ts.indexOf(o.T);
    const txi = txs.indexOf(o.tx);
    const key = `${xi}:${ti}:${txi}`;
    const g = groups.get(key);
    if (g === undefined) {
      groups.set(key, groupWeight.length);
      groupX.push(xi);
      groupT.push(ti);
      groupTx.push(txi);
      groupWeight.push(1);
    } else {
      groupWeight[g] = (groupWeight[g] ?? 0) + 1;
    }
  }
  const weightPerX = new Float64Array(xs.values.length);
  groupX.forEach((xi, g) => (weightPerX[xi] = (weightPerX[xi] ?? 0) + (groupWeight[g] ?? 0)));
  return {
    customers: observations.length,
    distinctX: Float64Array.from(xs.values),
    weightPerX,
    distinctT: Float64Array.from(ts.values),
    distinctTx: Float64Array.from(txs.values),
    xIndex: Int32Array.from(groupX),
    tIndex: Int32Array.from(groupT),
    txIndex: Int32Array.from(groupTx),
    weight: Float64Array.from(groupWeight),
    noRepeat: Uint8Array.from(groupX.map((xi) => ((xs.values[xi] ?? 0) === 0 ? 1 : 0))),
  };
}

/**
 * Σ ln L over all customers. Per customer (FHL 2005 eq. 6, in the log form of Hardie's Excel note):
 *   ln L = A1 + A2 + ln(e^A3 + δ(x>0) e^A4)
 *   A1 = lnΓ(r + x) − lnΓ(r) + r ln α,   A2 = ln B(a, b + x) − ln B(a, b),
 *   A3 = −(r + x) ln(α + T),             A4 = ln a − ln(b + x − 1) − (r + x) ln(α + tx).
 * For x = 0 this is exactly r ln(α / (α + T)).
 */
export function bgNbdLogLikelihood(params: BgNbdParams, data: GroupedRfm): number {
  const { r, alpha, a, b } = params;
  if (!(r > 0 && alpha > 0 && a > 0 && b > 0)) return -Infinity;
  const logAlpha = Math.log(alpha);
  const logA = Math.log(a);
  const lnBetaAB = lnBeta(a, b);
  const lnGammaR = lnGamma(r);

  let total = 0;
  const nx = data.distinctX.length;
  const perXLogRatio = new Float64Array(nx); // ln a − ln(b + x − 1), used by A4
  for (let i = 0; i < nx; i++) {
    const x = data.distinctX[i] ?? 0;
    const w = data.weightPerX[i] ?? 0;
    const a1 = x === 0 ? r * logAlpha : lnGamma(r + x) - lnGammaR + r * logAlpha;
    const a2 = x === 0 ? 0 : lnBeta(a, b + x) - lnBetaAB;
    total += w * (a1 + a2);
    perXLogRatio[i] = x === 0 ? -Infinity : logA - Math.log(b + x - 1);
  }
  const logAlphaPlusT = data.distinctT.map((T) => Math.log(alpha + T));
  const logAlphaPlusTx = data.distinctTx.map((tx) => Math.log(alpha + tx));
  const rPlusX = data.distinctX.map((x) => r + x);

  // Hot loop (one pass per likelihood evaluation): locals and an inlined log-sum-exp keep it at a few ns per group.
  const { xIndex, tIndex, txIndex, weight, noRepeat } = data;
  const groups = weight.length;
  for (let g = 0; g < groups; g++) {
    const xi = xIndex[g] as number;
    const rx = rPlusX[xi] as number;
    const a3 = -rx * (logAlphaPlusT[tIndex[g] as number] as number);
    let term = a3;
    if (noRepeat[g] === 0) {
      const a4 = (perXLogRatio[xi] as number) - rx * (logAlphaPlusTx[txIndex[g] as number] as number);
      term = a3 > a4 ? a3 + Math.log1p(Math.exp(a4 - a3)) : a4 + Math.log1p(Math.exp(a3 - a4));
    }
    total += (weight[g] as number) * term;
  }
  return total;
}
