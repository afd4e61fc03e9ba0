/**
 * The KPI benchmark's deterministic store. Customers follow the BG/NBD and Gamma-Gamma stories (the
 * simulator of test/clv), so the CLV fit has real structure to find and the benchmark can print the
 * parameters it recovers beside the ones the store was drawn from:
 *   - first purchase uniform over the history; purchases at rate λ ~ Gamma(r, α) per day; after each
 *     repeat purchase the customer drops out with probability p ~ Beta(a, b);
 *   - each customer's mean spend ν ~ Gamma(q, γ), each order's value ~ Gamma(p, ν) (dollars).
 * With the truth below and the seed, 250,000 customers place just over 1,000,000 orders; the last ones
 * drawn are dropped to hit the exact count. Rows are written with unnest batches, triggers off (a full
 * rebuild follows); the columns that do not shape the KPIs' structure come from bench_random in SQL.
 */
import type pg from "pg";
import type { BgNbdParams, GammaGammaParams } from "~/clv/types";
import { seededRandom } from "../../test/clv/support/random";

/** Per day. */
export const TRUTH_BGNBD: BgNbdParams = { r: 0.6, alpha: 29.5, a: 0.8, b: 2.5 };
/** In dollars. */
export const TRUTH_GAMMA_GAMMA: GammaGammaParams = { p: 6, q: 4, gamma: 15 };

export interface StoreSpec {
  readonly domain: string;
  readonly zone: string;
  /** The history ends just before this instant. */
  readonly end: Date;
  readonly days: number;
  readonly orders: number;
  readonly customers: number;
  readonly abandonedCheckouts: number;
}

export interface StoreSize {
  readonly shopId: number;
  readonly orders: number;
  readonly customers: number;
  readonly abandonedCheckouts: number;
}

interface Draws {
  /** Per order: customer number (1-based), days before the end, value in cents. */
  readonly customer: Int32Array;
  readonly daysBeforeEnd: Float64Array;
  readonly cents: Int32Array;
}

/**
 * Exactly `orders` orders of BG/NBD customers: all of the first `customers` (and a few more when they place
 * fewer orders, as a small store may), then the excess thinned out of the repeat orders evenly (a thinned
 * Poisson process is still one; the last repeat-order share moves by well under 1 %).
 */
export function drawOrders(customers: number, orders: number, days: number): Draws & { customers: number } {
  const process = seededRandom(42);
  const spend = seededRandom(43);
  const customer: number[] = [];
  const before: number[] = [];
  const cents: number[] = [];
  const repeat: boolean[] = [];
  const push = (c: number, daysBefore: number, nu: number, isRepeat: boolean) => {
    customer.push(c);
    before.push(daysBefore);
    cents.push(Math.max(1, Math.round(100 * spend.gamma(TRUTH_GAMMA_GAMMA.p, nu))));
    repeat.push(isRepeat);
  };
  let c = 0;
  while (c < customers || customer.length < orders) {
    c++;
    const T = days * process.uniform();
    const lambda = process.gamma(TRUTH_BGNBD.r, TRUTH_BGNBD.alpha);
    const dropout = process.beta(TRUTH_BGNBD.a, TRUTH_BGNBD.b);
    const nu = spend.gamma(TRUTH_GAMMA_GAMMA.q, TRUTH_GAMMA_GAMMA.gamma);
    push(c, T, nu, false);
    for (let t = 0; ;) {
      t += process.exponential(lambda);
      if (t > T) break;
      push(c, T - t, nu, true);
      if (process.uniform() < dropout) break;
    }
  }
  const repeats = repeat.filter(Boolean).length;
  const excess = customer.length - orders;
  const out: Draws = {
    customer: new Int32Array(orders),
    daysBeforeEnd: new Float64Array(orders),
    cents: new Int32Array(orders),
  };
  let kept = 0;
  let seen = 0;
  for (let i = 0; i < customer.length; i++) {
    // Drop repeat number ⌊k · repeats / excess⌋ for k = 0 … excess − 1.
    if (repeat[i] && excess > 0) {
      const dropped = Math.floor((seen * excess) / repeats) !== Math.floor(((seen + 1) * excess) / repeats);
      seen++;
      if (dropped) continue;
    }
    out.customer[kept] = customer[i]!;
    out.daysBeforeEnd[kept] = before[i]!;
    out.cents[kept] = cents[i]!;
    kept++;
  }
  if (kept !== orders) throw new Error(`drew ${kept} orders instead of ${orders}`);
  return { ...out, customers: c };
}

const BATCH = 100_000;

/** The deterministic pseudo-random function generateStore's SQL draws from (bench:kpi creates the same). */
export async function installBenchRandom(client: pg.Client): Promise<void> {
  await client.query(`CREATE OR REPLACE FUNCTION bench_random(i bigint, salt int) RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
    $$ SELECT ('x' || substr(md5(i::text || ':' || salt::text), 1, 13))::bit(52)::bigint::float8 / 4503599627370496.0 $$`);
}

/** Builds the store unless a shop with that domain exists (BENCH_DIR keeps stores between runs). */
export async function generateStore(client: pg.Client, spec: StoreSpec): Promise<StoreSize> {
  const size = (shopId: number, customers: number): StoreSize => ({
    shopId,
    orders: spec.orders,
    customers,
    abandonedCheckouts: spec.abandonedCheckouts,
  });
  const existing = await client.query<{ id: number; customers: number }>(
    "SELECT s.id, (SELECT COALESCE(max(c.id), 0)::int FROM customer c WHERE c.shop_id = s.id) AS customers FROM shop s WHERE domain = $1",
    [spec.domain],
  );
  if (existing.rows[0]) return size(existing.rows[0].id, existing.rows[0].customers);
  const { rows } = await client.query<{ id: number }>(
    `INSERT INTO shop (domain, timezone, currency, updated_at) VALUES ($1, $2, 'USD', now()) RETURNING id`,
    [spec.domain, spec.zone],
  );
  const shopId = rows[0]!.id;
  const end = spec.end.toISOString();
  const draws = drawOrders(spec.customers, spec.orders, spec.days);
  for (const table of ["order", "refund", "checkout", "customer"])
    await client.query(`ALTER TABLE "${table}" DISABLE TRIGGER USER`);

  // 8 % of customers always check out as guests with their email (keyed by it); 2 % of orders are
  // anonymous guest orders; 1 % are tests and 2 % are cancelled.
  for (let from = 0; from < spec.orders; from += BATCH) {
    const to = Math.min(spec.orders, from + BATCH);
    await client.query(
      `INSERT INTO "order" (shop_id, id, name, customer_id, email, customer_key, ordered_at, shopify_created_at, shopify_updated_at,
        cancelled_at, test, currency, taxes_included, gross_minor, discounts_minor, shipping_minor, taxes_minor, duties_minor,
        total_minor, units, lines, checkout_token)
      SELECT $1, i, '#' || i, CASE WHEN NOT guest THEN cust END,
        CASE WHEN anonymous THEN NULL WHEN guest THEN 'guest' || cust || '@example.com' ELSE 'c' || cust || '@example.com' END,
        CASE WHEN anonymous THEN NULL WHEN guest THEN 'e:guest' || cust || '@example.com' ELSE 'c:' || cust END,
        at, at, at, CASE WHEN status > 0.97 AND status <= 0.99 THEN at + interval '1 day' END, status > 0.99, 'USD', false,
        gross, discount, shipping, (gross * 8) / 100, 0, gross - discount + shipping + (gross * 8) / 100, units,
        jsonb_build_array(jsonb_build_object('id', i::text, 'productId', (i % 500)::text, 'variantId', (i % 1500)::text,
          'quantity', units, 'priceMinor', gross / units, 'discountMinor', discount, 'taxMinor', (gross * 8) / 100)),
        'k' || i
      FROM (
        SELECT i, cust, bench_random(cust, 2) < 0.08 AS guest, bench_random(i, 15) < 0.02 AS anonymous, bench_random(i, 3) AS status,
          $2::timestamp - make_interval(secs => before * 86400) AS at, cents::bigint AS gross, 1 + floor(3 * bench_random(i, 6))::int AS units,
          CASE WHEN bench_random(i, 8) < 0.3 THEN 100 ELSE 0 END AS discount,
          CASE WHEN bench_random(i, 9) < 0.6 THEN 500 ELSE 0 END AS shipping
        FROM unnest($3::int[], $4::float8[], $5::int[]) WITH ORDINALITY AS d(cust, before, cents, n), LATERAL (SELECT $6::int + n AS i) ids
      ) g`,
      [
        shopId,
        end,
        draws.customer.subarray(from, to),
        draws.daysBeforeEnd.subarray(from, to),
        draws.cents.subarray(from, to),
        from,
      ].map((v) => (ArrayBuffer.isView(v) ? Array.from(v as Int32Array) : v)),
    );
  }
  await client.query(
    `INSERT INTO customer (shop_id, id, email, shopify_created_at, shopify_updated_at)
     SELECT $1, customer_id, min(email), min(ordered_at), $2::timestamp - interval '1 day'
     FROM "order" WHERE shop_id = $1 AND customer_id IS NOT NULL GROUP BY customer_id`,
    [shopId, end],
  );
  // 5 % of orders are half refunded 1–31 days later (when that is before the end).
  await client.query(
    `INSERT INTO refund (shop_id, id, order_id, refunded_at, shopify_created_at, lines_subtotal_minor, shipping_minor, taxes_minor, duties_minor, units)
     SELECT o.shop_id, o.id, o.id, o.ordered_at + make_interval(secs => 86400 * (1 + 30 * bench_random(o.id, 10))),
       o.ordered_at + make_interval(secs => 86400 * (1 + 30 * bench_random(o.id, 10))), o.gross_minor / 2, 0, o.taxes_minor / 2, 0, 1
     FROM "order" o WHERE o.shop_id = $1 AND bench_random(o.id, 11) < 0.05
       AND o.ordered_at + make_interval(secs => 86400 * (1 + 30 * bench_random(o.id, 10))) < $2::timestamp`,
    [shopId, end],
  );
  // A checkout behind every order (half carry completed_at; the others complete through the order's
  // token), plus abandoned ones.
  await client.query(
    `INSERT INTO checkout (shop_id, token, id, shopify_created_at, shopify_updated_at, completed_at)
     SELECT o.shop_id, o.checkout_token, o.id, o.ordered_at - interval '10 minutes', o.ordered_at,
       CASE WHEN bench_random(o.id, 12) < 0.5 THEN o.ordered_at END
     FROM "order" o WHERE o.shop_id = $1`,
    [shopId],
  );
  await client.query(
    `INSERT INTO checkout (shop_id, token, shopify_created_at, shopify_updated_at)
     SELECT $1, 'a' || j, $2::timestamp - make_interval(secs => $4 * 86400 * bench_random(j, 13)),
       $2::timestamp - make_interval(secs => $4 * 86400 * bench_random(j, 13))
     FROM generate_series(1, $3::int) j`,
    [shopId, end, spec.abandonedCheckouts, spec.days],
  );
  for (const table of ["order", "refund", "checkout", "customer"])
    await client.query(`ALTER TABLE "${table}" ENABLE TRIGGER USER`);
  return size(shopId, draws.customers);
}
