/**
 * Why a KPI shows "—", in merchant words with what would fill it, and the base a rate was taken over
 * ("3 of 41 checkouts abandoned"). The dashboard, the KPI pages and the digest all ask here, so a blank
 * reads the same everywhere. Pure: the callers pass the shop's history and the period's values.
 */
import type { CivilDate } from "~/kpi/calendar/civil-date";
import { addDays, dayNumber } from "~/kpi/calendar/civil-date";
import { localDate } from "~/kpi/calendar/zone";
import type { KpiId } from "~/kpi/catalog";
import { NOT_ADDITIVE_REASON } from "~/kpi-engine/range-values";

/** What the shop's data tells about where its history starts; cheap to read (app/shops/shop-history.server.ts). */
export interface ShopHistory {
  readonly timeZone: string;
  readonly installedAt: Date;
  /** The first counted order, null when none is stored yet. */
  readonly firstOrderAt: Date | null;
  /** The oldest checkout (cart) stored: imported history or webhooks since the install. */
  readonly firstCheckoutAt: Date | null;
  readonly firstCartAt: Date | null;
  readonly activityWindowDays: number;
  readonly graceMinutes: number;
  readonly grossMarginSet: boolean;
}

export interface BlankValue {
  readonly value: number | null;
  readonly numerator: number | null;
  readonly denominator: number | null;
}

export interface BlankInput {
  readonly kpi: KpiId;
  /** The period the value is of: [start, end). */
  readonly start: Date;
  readonly end: Date;
  /** The KPI's value; null when the period has no stored value at all. */
  readonly result: BlankValue | null;
  /** Values of the same period for the KPIs `BLANK_CONTEXT` names. */
  readonly context?: ReadonlyMap<string, BlankValue | null | undefined>;
  /** A free date range, which cannot give a KPI that counts distinct customers. */
  readonly freeRange?: boolean;
  /** A comparison period: the merchant does not pick it, so no advice to pick another. */
  readonly comparison?: boolean;
}

/** Other KPIs of the same period that tell one blank cause from another. */
export const BLANK_CONTEXT: Partial<Record<KpiId, readonly KpiId[]>> = {
  checkout_abandonment_rate: ["checkout_created"],
  cart_abandonment_rate: ["cart_created"],
  returning_customer_rate: ["orders"],
  orders_per_customer: ["orders"],
  checkout_completion_rate: ["checkout_created"],
  cart_completion_rate: ["cart_created"],
  formula_clv: ["annual_churn_rate"],
  formula_clv_before_cac: ["annual_churn_rate"],
  expected_lifetime_years: ["annual_churn_rate"],
  ltv_to_cac: ["annual_churn_rate"],
};

/** KPIs that need annual churn (W = 365) over the 365 days ending at the end of P, as formula CLV. */
const YEAR_KPIS: readonly KpiId[] = [
  "formula_clv",
  "formula_clv_before_cac",
  "annual_churn_rate",
  "expected_lifetime_years",
];

/** The KPIs to read beside `kpis` so that their blanks can be explained. */
export function withBlankContext(kpis: readonly KpiId[]): KpiId[] {
  return [...new Set([...kpis, ...kpis.flatMap((kpi) => BLANK_CONTEXT[kpi] ?? [])])];
}

const DATE = new Intl.DateTimeFormat("en", {
  month: "short",
  day: "numeric",
  year: "numeric",
  timeZone: "UTC",
});
const civilText = (d: CivilDate) => DATE.format(new Date(Date.UTC(d.year, d.month - 1, d.day)));
const dateText = (at: Date, timeZone: string) => civilText(localDate(at, timeZone));
/** Advice to pick another period, left out for a comparison period. */
const choose = (input: BlankInput, advice: string) => (input.comparison ? "" : ` ${advice}`);
const count = (n: number) => Math.round(n).toLocaleString("en");
const plural = (n: number, one: string, many: string) => (Math.round(n) === 1 ? one : many);

/** Days of history the formula CLV needs before the last day of its period (annual churn with W = 365). */
export const CLV_HISTORY_DAYS = 365;

/** Why `input`'s value is blank; null when it has a value. */
export function blankReason(input: BlankInput, history: ShopHistory): string | null {
  if (input.result?.value != null) return null;
  if (input.freeRange) return NOT_ADDITIVE_REASON;
  const before = beforeHistory(input, history);
  if (before) return before;
  if (input.result === null && !trackedKind(input.kpi))
    return "Not computed for this period yet. It appears after the next update.";
  return ownReason(input, history);
}

/** A period that ends before the first order (every KPI), or a shop with no order yet. */
function beforeHistory(input: BlankInput, history: ShopHistory): string | null {
  const tracked = trackedKind(input.kpi);
  if (tracked) return null; // checkouts and carts have their own start
  if (history.firstOrderAt === null)
    return "No orders imported yet. Figures appear once your order history is in.";
  if (input.end.getTime() <= history.firstOrderAt.getTime())
    return `Before your store's first order on ${dateText(history.firstOrderAt, history.timeZone)}.${choose(input, "Choose a period from that day on.")}`;
  return null;
}

function trackedKind(kpi: KpiId): "checkout" | "cart" | null {
  if (kpi === "checkout_abandonment_rate" || kpi === "checkout_completion_rate") return "checkout";
  if (kpi === "cart_abandonment_rate" || kpi === "cart_completion_rate") return "cart";
  return null;
}

const NEEDS_SPEND = "Needs your marketing spend for every month of this period: enter it in Settings.";

function ownReason(input: BlankInput, history: ShopHistory): string {
  const { kpi } = input;
  const tracked = trackedKind(kpi);
  if (tracked) return abandonmentReason(input, tracked, history);
  if (YEAR_KPIS.includes(kpi)) return clvReason(input, history);
  switch (kpi) {
    case "retention_rate":
    case "churn_rate":
      return noOneActiveReason(input, history);
    case "returning_customer_rate":
    case "orders_per_customer":
      return (input.context?.get("orders")?.value ?? 0) > 0
        ? "Only guest orders without an email in this period: there is no customer to count."
        : "No orders in this period.";
    case "cac":
      return input.result?.numerator == null
        ? NEEDS_SPEND
        : "No new customers in this period, so there is no cost per new customer.";
    case "roas":
    case "marketing_spend":
      return input.result?.numerator == null && input.result?.denominator == null
        ? NEEDS_SPEND
        : "No marketing spend in this period to measure a return on.";
    case "ltv_to_cac":
      return "Needs your marketing spend (Settings) and a customer lifetime value for the 12 months.";
    case "formula_clv_aov":
    case "purchase_frequency":
      return "No orders in the 12 months up to this period's end.";
    case "sales_growth":
      return "No net sales in the previous period to grow from.";
    case "gross_profit":
      return history.grossMarginSet
        ? "No sales in this period."
        : "Set your gross margin in Settings to see gross profit.";
    default:
      return "No orders in this period.";
  }
}

function abandonmentReason(input: BlankInput, kind: "checkout" | "cart", history: ShopHistory): string {
  const noun = kind === "checkout" ? "checkouts" : "carts";
  const Noun = kind === "checkout" ? "Checkouts" : "Carts";
  const first = kind === "checkout" ? history.firstCheckoutAt : history.firstCartAt;
  // Carts arrive only by webhook, so tracking starts at the install; Shopify keeps some checkouts older.
  const fromInstall = first === null || first.getTime() >= history.installedAt.getTime();
  const since = fromInstall ? history.installedAt : first;
  const sinceText = dateText(since, history.timeZone);
  const startedWhen = fromInstall ? `since you installed Pulse on ${sinceText}` : `from ${sinceText}`;
  if (input.end.getTime() <= since.getTime())
    return `${Noun} are tracked ${startedWhen}.${choose(input, "Choose a period from that day on.")}`;
  const created = input.context?.get(`${kind}_created`)?.value ?? 0;
  if (created > 0)
    return `The ${count(created)} ${plural(created, kind, noun)} of this period ${plural(created, "is", "are")} less than ${history.graceMinutes} minutes old: ${plural(created, "it counts", "they count")} once completed or abandoned.`;
  if (input.start.getTime() < since.getTime())
    return `No ${noun} in this period: they are tracked ${startedWhen}.`;
  return `No ${noun} were started in this period.`;
}

function noOneActiveReason(input: BlankInput, history: ShopHistory): string {
  const first = history.firstOrderAt!;
  if (input.start.getTime() <= first.getTime())
    return `No customers were active when this period began: your first order was on ${dateText(first, history.timeZone)}.${choose(input, "Choose a period that starts after it.")}`;
  return `No customer ordered in the ${history.activityWindowDays} days before this period began (the activity window in Settings), so there was no one to keep.`;
}

function clvReason(input: BlankInput, history: ShopHistory): string {
  const firstDay = localDate(history.firstOrderAt!, history.timeZone);
  const lastDay = localDate(new Date(input.end.getTime() - 1), history.timeZone);
  if (dayNumber(lastDay) < dayNumber(firstDay) + CLV_HISTORY_DAYS)
    return `Needs 12 months of history: your first order was on ${civilText(firstDay)}, so it shows for periods ending on ${civilText(addDays(firstDay, CLV_HISTORY_DAYS))} or later.`;
  const churn = input.kpi === "annual_churn_rate" ? input.result : input.context?.get("annual_churn_rate");
  if (churn?.value === 0)
    return "No customer lapsed over these 12 months, so a customer lifetime (1 ÷ annual churn) cannot be estimated yet.";
  if (churn && churn.value === null)
    return "No customer ordered in the year before these 12 months, so annual churn is unknown.";
  return "No orders in the 12 months up to this period's end.";
}

/** How a rate's base reads, by KPI: "3 of 41 checkouts abandoned". */
const BASES: Partial<Record<KpiId, (n: string, d: string, dn: number) => string>> = {
  checkout_abandonment_rate: (n, d, dn) => `${n} of ${d} ${plural(dn, "checkout", "checkouts")} abandoned`,
  cart_abandonment_rate: (n, d, dn) => `${n} of ${d} ${plural(dn, "cart", "carts")} abandoned`,
  retention_rate: (n, d, dn) =>
    `${n} active at the end (not new), of ${d} ${plural(dn, "customer", "customers")} active at the start`,
  churn_rate: (n, d, dn) => `${n} of ${d} ${plural(dn, "customer", "customers")} active at the start lost`,
  returning_customer_rate: (n, d, dn) => `${n} of ${d} ${plural(dn, "customer", "customers")} returning`,
};

/** Why a compared period's value (previous period, last year) is "—"; null on a free range, whose headline says it. */
export function comparisonBlankReason(
  kpi: KpiId,
  compared: { readonly start: Date; readonly end: Date },
  values: ReadonlyMap<string, BlankValue> | undefined,
  history: ShopHistory,
  freeRange: boolean,
): string | null {
  if (freeRange) return null;
  const result = values?.get(kpi) ?? null;
  return blankReason(
    { kpi, start: compared.start, end: compared.end, result, context: values, comparison: true },
    history,
  );
}

/** The base of a rate with a value ("3 of 41 checkouts abandoned"); null for other KPIs and blanks. */
export function rateBase(kpi: KpiId, result: BlankValue | null | undefined): string | null {
  const base = BASES[kpi];
  if (!base || result?.value == null || result.numerator === null || result.denominator === null) return null;
  return base(count(result.numerator), count(result.denominator), result.denominator);
}
