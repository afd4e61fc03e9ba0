/** Customers simulated from the BG/NBD and Gamma-Gamma generative stories (FHL 2005 §2; Fader & Hardie 2013). */
import type { BgNbdParams, CustomerSummary, GammaGammaParams, ParetoNbdParams } from "~/clv/types";
import type { Random } from "./random";

/**
 * One customer observed for T after the first purchase: purchases arrive at rate λ ~ Gamma(r, α); after each
 * repeat purchase the customer drops out with probability p ~ Beta(a, b) (never after the first purchase).
 * Spend per purchase ~ Gamma(p_s, ν) with ν ~ Gamma(q, γ). Times are continuous unless `roundTimes`.
 */
export function simulateCustomer(
  random: Random,
  id: string,
  T: number,
  bgnbd: BgNbdParams,
  spend?: GammaGammaParams,
  roundTimes = false,
): CustomerSummary {
  const lambda = random.gamma(bgnbd.r, bgnbd.alpha);
  const dropout = random.beta(bgnbd.a, bgnbd.b);
  const nu = spend ? random.gamma(spend.q, spend.gamma) : 0;
  let t = 0;
  let x = 0;
  let tx = 0;
  let total = 0;
  for (;;) {
    t += random.exponential(lambda);
    if (t > T) break;
    x++;
    tx = t;
    if (spend) total += random.gamma(spend.p, nu);
    if (random.uniform() < dropout) break;
  }
  if (roundTimes) tx = Math.floor(tx);
  return { id, x, tx, T, zbar: x > 0 ? total / x : 0 };
}

/**
 * Pareto/NBD (Schmittlein et al. 1987): purchases at rate λ ~ Gamma(r, α) during an exponential lifetime with
 * rate μ ~ Gamma(s, β) that starts at the first purchase; observed for T.
 */
export function simulateParetoNbdCustomer(
  random: Random,
  id: string,
  T: number,
  params: ParetoNbdParams,
): CustomerSummary {
  const lambda = random.gamma(params.r, params.alpha);
  const lifetime = random.exponential(random.gamma(params.s, params.beta));
  const end = Math.min(lifetime, T);
  let t = 0;
  let x = 0;
  let tx = 0;
  for (;;) {
    t += random.exponential(lambda);
    if (t > end) break;
    x++;
    tx = t;
  }
  return { id, x, tx, T, zbar: 0 };
}

/**
 * MBG/NBD (Batislam et al. 2007): as BG/NBD, but the customer may also drop out right at the first purchase,
 * with the same probability p ~ Beta(a, b) as after every repeat purchase.
 */
export function simulateMbgNbdCustomer(
  random: Random,
  id: string,
  T: number,
  params: BgNbdParams,
): CustomerSummary {
  const lambda = random.gamma(params.r, params.alpha);
  const dropout = random.beta(params.a, params.b);
  let t = 0;
  let x = 0;
  let tx = 0;
  while (random.uniform() >= dropout) {
    t += random.exponential(lambda);
    if (t > T) break;
    x++;
    tx = t;
  }
  return { id, x, tx, T, zbar: 0 };
}
