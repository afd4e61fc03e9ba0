/** Customers simulated from the BG/NBD and Gamma-Gamma generative stories (FHL 2005 §2; Fader & Hardie 2013). */
import type { BgNbdParams, CustomerSummary, GammaGammaParams } from "~/clv/types";
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
