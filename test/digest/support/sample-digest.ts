/** A digest's content without a database: a Warsaw shop selling in USD, week 2026-W47. */
import type { DigestContent } from "~/digest/digest-content";
import { digestRows } from "~/digest/digest-content";
import { DIGEST_KPIS } from "~/digest/digest-kpis";

/** Week 2026-W47 (16–22 November) of a Warsaw shop selling in USD; sales 12,959.97, down 8.3 %. */
export function sampleDigest(): DigestContent {
  const bases: Record<string, number> = {
    total_sales: 1_413_300,
    orders: 420,
    aov: 3_100,
    retention_rate: 0.41,
    churn_rate: 0.12,
    checkout_abandonment_rate: 0.63,
    cart_abandonment_rate: 0.71,
    formula_clv: 19_852,
    cac: 4_210,
    roas: 3.4,
  };
  const history = (key: string) =>
    Array.from({ length: 13 }, (_, i) => bases[key]! * (1 + 0.01 * Math.sin(i * 1.3)));
  const current = new Map<string, number | null>(DIGEST_KPIS.map((k) => [k.key, history(k.key)[12]!]));
  current.set("total_sales", 1_295_997);
  current.set("checkout_abandonment_rate", 0.9);
  const previous = new Map<string, number | null>(DIGEST_KPIS.map((k) => [k.key, history(k.key)[11]!]));
  previous.set("total_sales", 1_413_300);
  const histories = new Map(
    DIGEST_KPIS.map((k) => [k.key, [...history(k.key).slice(0, 12), current.get(k.key)!]]),
  );
  return {
    shop: {
      id: 1,
      domain: "bright-socks.myshopify.com",
      name: "Bright Socks",
      currency: "USD",
      timezone: "Europe/Warsaw",
    },
    week: {
      label: "2026-W47",
      start: new Date("2026-11-15T23:00:00Z"),
      end: new Date("2026-11-22T23:00:00Z"),
    },
    rows: digestRows({ current, previous, yearAgo: previous, history: histories }, 12, 12, "test"),
    hasData: true,
    dashboardUrl: "https://admin.shopify.com/store/bright-socks/apps/key",
  };
}
