/**
 * Checkout and cart abandonment (docs/kpi-definitions.md "Abandonment"). Undecided ones (not completed,
 * inside the grace time) count in neither rate; abandoned = created − completed − undecided.
 */
import type { KpiFacts } from "~/kpi/facts";
import { ratio } from "~/kpi/ratio";
import type { KpiId } from "./ids";
import { amount, ofRatio } from "./results";
import type { KpiDefinition } from "./types";

interface Outcomes {
  readonly created: number;
  readonly completed: number;
  readonly undecided: number;
  readonly abandoned: number;
}

const outcomes = (created: number, completed: number, undecided: number): Outcomes => ({
  created,
  completed,
  undecided,
  abandoned: created - completed - undecided,
});
const checkouts = (f: KpiFacts) =>
  outcomes(f.sales.checkoutsCreated, f.sales.checkoutsCompleted, f.undecidedCheckouts);
const carts = (f: KpiFacts) => outcomes(f.sales.cartsCreated, f.sales.cartsCompleted, f.undecidedCarts);
const abandonmentRate = (o: Outcomes) => ratio(o.abandoned, o.completed + o.abandoned);
const completionRate = (o: Outcomes) => ratio(o.completed, o.completed + o.abandoned);

const NEEDS = ["sales", "undecided"] as const;
const COUNT = { format: "count", needs: NEEDS, direction: "neutral" } as const;
const RATE = { format: "percent", needs: NEEDS } as const;

export const ABANDONMENT_KPIS = {
  checkout_created: {
    ...COUNT,
    title: "checkout_created.title",
    description: "checkout_created.description",
    formula: "checkout_created.formula",
    fromFacts: (f) => amount(checkouts(f).created),
  },
  checkout_completed: {
    ...COUNT,
    title: "checkout_completed.title",
    description: "checkout_completed.description",
    formula: "checkout_completed.formula",
    fromFacts: (f) => amount(checkouts(f).completed),
  },
  checkout_abandoned: {
    ...COUNT,
    title: "checkout_abandoned.title",
    description: "checkout_abandoned.description",
    formula: "checkout_abandoned.formula",
    fromFacts: (f) => amount(checkouts(f).abandoned),
  },
  checkout_undecided: {
    ...COUNT,
    title: "checkout_undecided.title",
    description: "checkout_undecided.description",
    formula: "checkout_undecided.formula",
    fromFacts: (f) => amount(checkouts(f).undecided),
  },
  checkout_abandonment_rate: {
    ...RATE,
    title: "checkout_abandonment_rate.title",
    description: "checkout_abandonment_rate.description",
    formula: "checkout_abandonment_rate.formula",
    direction: "lower-is-better",
    fromFacts: (f) => ofRatio(abandonmentRate(checkouts(f))),
    page: {
      slug: "checkout-abandonment",
      numerator: { label: "checkout_abandonment_rate.numerator", format: "count" },
      denominator: { label: "checkout_abandonment_rate.denominator", format: "count" },
      parts: ["checkout_completion_rate"],
      differsFromShopify: [
        "checkout_abandonment_rate.differs.contact",
        "checkout_abandonment_rate.differs.grace",
      ],
    },
  },
  checkout_completion_rate: {
    ...RATE,
    title: "checkout_completion_rate.title",
    description: "checkout_completion_rate.description",
    formula: "checkout_completion_rate.formula",
    direction: "higher-is-better",
    fromFacts: (f) => ofRatio(completionRate(checkouts(f))),
  },
  cart_created: {
    ...COUNT,
    title: "cart_created.title",
    description: "cart_created.description",
    formula: "cart_created.formula",
    fromFacts: (f) => amount(carts(f).created),
  },
  cart_completed: {
    ...COUNT,
    title: "cart_completed.title",
    description: "cart_completed.description",
    formula: "cart_completed.formula",
    fromFacts: (f) => amount(carts(f).completed),
  },
  cart_abandoned: {
    ...COUNT,
    title: "cart_abandoned.title",
    description: "cart_abandoned.description",
    formula: "cart_abandoned.formula",
    fromFacts: (f) => amount(carts(f).abandoned),
  },
  cart_undecided: {
    ...COUNT,
    title: "cart_undecided.title",
    description: "cart_undecided.description",
    formula: "cart_undecided.formula",
    fromFacts: (f) => amount(carts(f).undecided),
  },
  cart_abandonment_rate: {
    ...RATE,
    title: "cart_abandonment_rate.title",
    description: "cart_abandonment_rate.description",
    formula: "cart_abandonment_rate.formula",
    direction: "lower-is-better",
    fromFacts: (f) => ofRatio(abandonmentRate(carts(f))),
    page: {
      slug: "cart-abandonment",
      numerator: { label: "cart_abandonment_rate.numerator", format: "count" },
      denominator: { label: "cart_abandonment_rate.denominator", format: "count" },
      parts: ["cart_completion_rate"],
      differsFromShopify: [
        "cart_abandonment_rate.differs.no_report",
        "cart_abandonment_rate.differs.created",
      ],
    },
  },
  cart_completion_rate: {
    ...RATE,
    title: "cart_completion_rate.title",
    description: "cart_completion_rate.description",
    formula: "cart_completion_rate.formula",
    direction: "higher-is-better",
    fromFacts: (f) => ofRatio(completionRate(carts(f))),
  },
} satisfies { readonly [K in KpiId]?: KpiDefinition };
