/**
 * Checkout and cart abandonment. Completed (ever, even after being abandoned) always counts;
 * abandoned means not completed and created MORE than the grace time before now; anything younger
 * is undecided and left out of both sides, so a fresh checkout never inflates the rate.
 */
import type { KpiData } from "./prepare";
import { ratio } from "./ratio";
import type { TimeRange } from "./time-range";
import { inRange } from "./time-range";
import type { Ratio } from "./types";

export interface AbandonmentKpis {
  /** Created in P. */
  readonly created: number;
  readonly completed: number;
  readonly abandoned: number;
  /** Not completed and still inside the grace time: counted in neither rate. */
  readonly undecided: number;
  /** abandoned ÷ (completed + abandoned). */
  readonly abandonmentRate: Ratio;
  /** completed ÷ (completed + abandoned) = 1 − abandonment rate. */
  readonly completionRate: Ratio;
}

const MS_PER_MINUTE = 60_000;

interface Candidate {
  readonly createdAt: Date;
  readonly completed: boolean;
}

function classify(
  candidates: readonly Candidate[],
  range: TimeRange,
  now: Date,
  graceMinutes: number,
): AbandonmentKpis {
  let created = 0;
  let completed = 0;
  let abandoned = 0;
  let undecided = 0;
  const graceMs = graceMinutes * MS_PER_MINUTE;
  for (const candidate of candidates) {
    if (!inRange(candidate.createdAt, range)) continue;
    created += 1;
    if (candidate.completed) completed += 1;
    else if (now.getTime() - candidate.createdAt.getTime() > graceMs) abandoned += 1;
    else undecided += 1;
  }
  const decided = completed + abandoned;
  return {
    created,
    completed,
    abandoned,
    undecided,
    abandonmentRate: ratio(abandoned, decided),
    completionRate: ratio(completed, decided),
  };
}

export function checkoutAbandonment(
  data: KpiData,
  range: TimeRange,
  now: Date,
  graceMinutes: number,
): AbandonmentKpis {
  const candidates = data.checkouts.map((checkout) => ({
    createdAt: checkout.createdAt,
    completed: checkout.completedAt !== null || data.orderCheckoutTokens.has(checkout.token),
  }));
  return classify(candidates, range, now, graceMinutes);
}

/** Cart abandonment rate (CAR): carts created in P, completed when an order carries the cart token. */
export function cartAbandonment(
  data: KpiData,
  range: TimeRange,
  now: Date,
  graceMinutes: number,
): AbandonmentKpis {
  const candidates = data.carts.map((cart) => ({
    createdAt: cart.createdAt,
    completed: data.orderCartTokens.has(cart.token),
  }));
  return classify(candidates, range, now, graceMinutes);
}
