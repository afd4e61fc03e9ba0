/**
 * Why a KPI shows "—", in the reader's language with what would fill it, and the base a rate was taken
 * over ("3 of 41 checkouts abandoned"). The dashboard, the KPI pages and the digest all ask here, so a
 * blank reads the same everywhere. Pure: the callers pass the shop's history, the period's values and a
 * Translator.
 */
import type { CivilDate } from "~/kpi/calendar/civil-date";
import { addDays, dayNumber } from "~/kpi/calendar/civil-date";
import { localDate } from "~/kpi/calendar/zone";
import type { KpiId } from "~/kpi/catalog";
import type { MessageId } from "~/i18n/message-id";
import type { Translator } from "~/i18n/translator";

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

/** A local calendar day in the reader's language ("Mar 5, 2026", "5 mar 2026"). */
const civilText = (d: CivilDate, i18n: Translator) =>
  i18n.intl.formatDate(new Date(Date.UTC(d.year, d.month - 1, d.day)), {
    month: "short",
    day: "numeric",
    year: "numeric",
    timeZone: "UTC",
  });
const dateText = (at: Date, timeZone: string, i18n: Translator) => civilText(localDate(at, timeZone), i18n);

/** The reason, with the advice to pick another period unless `input` is a comparison period (not picked). */
const advised = (input: BlankInput, plain: MessageId, advice: MessageId) =>
  input.comparison ? plain : advice;

/** Why a custom range cannot give a KPI that counts distinct customers. */
export const notAdditiveReason = (i18n: Translator): string => i18n.t("blanks.notAdditive");

/** Days of history the formula CLV needs before the last day of its period (annual churn with W = 365). */
export const CLV_HISTORY_DAYS = 365;

/** Why `input`'s value is blank; null when it has a value. */
export function blankReason(input: BlankInput, history: ShopHistory, i18n: Translator): string | null {
  if (input.result?.value != null) return null;
  if (input.freeRange) return notAdditiveReason(i18n);
  const before = beforeHistory(input, history, i18n);
  if (before) return before;
  if (input.result === null && !trackedKind(input.kpi)) return i18n.t("blanks.notComputed");
  return ownReason(input, history, i18n);
}

/** A period that ends before the first order (every KPI), or a shop with no order yet. */
function beforeHistory(input: BlankInput, history: ShopHistory, i18n: Translator): string | null {
  const tracked = trackedKind(input.kpi);
  if (tracked) return null; // checkouts and carts have their own start
  if (history.firstOrderAt === null) return i18n.t("blanks.noOrdersImported");
  if (input.end.getTime() <= history.firstOrderAt.getTime())
    return i18n.t(advised(input, "blanks.beforeFirstOrder", "blanks.beforeFirstOrder.advice"), {
      date: dateText(history.firstOrderAt, history.timeZone, i18n),
    });
  return null;
}

function trackedKind(kpi: KpiId): "checkout" | "cart" | null {
  if (kpi === "checkout_abandonment_rate" || kpi === "checkout_completion_rate") return "checkout";
  if (kpi === "cart_abandonment_rate" || kpi === "cart_completion_rate") return "cart";
  return null;
}

function ownReason(input: BlankInput, history: ShopHistory, i18n: Translator): string {
  const { kpi } = input;
  const tracked = trackedKind(kpi);
  if (tracked) return abandonmentReason(input, tracked, history, i18n);
  if (YEAR_KPIS.includes(kpi)) return clvReason(input, history, i18n);
  switch (kpi) {
    case "retention_rate":
    case "churn_rate":
      return noOneActiveReason(input, history, i18n);
    case "returning_customer_rate":
    case "orders_per_customer":
      return i18n.t(
        (input.context?.get("orders")?.value ?? 0) > 0 ? "blanks.guestOrdersOnly" : "blanks.noOrders",
      );
    case "cac":
      return i18n.t(input.result?.numerator == null ? "blanks.needsSpend" : "blanks.noNewCustomers");
    case "roas":
    case "marketing_spend":
      return i18n.t(
        input.result?.numerator == null && input.result?.denominator == null
          ? "blanks.needsSpend"
          : "blanks.noSpend",
      );
    case "ltv_to_cac":
      return i18n.t("blanks.ltvToCac");
    case "formula_clv_aov":
    case "purchase_frequency":
      return i18n.t("blanks.noOrdersYear");
    case "sales_growth":
      return i18n.t("blanks.noPreviousSales");
    case "gross_profit":
      return i18n.t(history.grossMarginSet ? "blanks.noSales" : "blanks.setMargin");
    default:
      return i18n.t("blanks.noOrders");
  }
}

function abandonmentReason(
  input: BlankInput,
  kind: "checkout" | "cart",
  history: ShopHistory,
  i18n: Translator,
): string {
  const first = kind === "checkout" ? history.firstCheckoutAt : history.firstCartAt;
  // Carts arrive only by webhook, so tracking starts at the install; Shopify keeps some checkouts older.
  const fromInstall = first === null || first.getTime() >= history.installedAt.getTime();
  const since = fromInstall ? history.installedAt : first;
  const tracking = {
    kind,
    since: fromInstall ? "install" : "date",
    date: dateText(since, history.timeZone, i18n),
  };
  if (input.end.getTime() <= since.getTime())
    return i18n.t(advised(input, "blanks.tracked", "blanks.tracked.advice"), tracking);
  const created = input.context?.get(`${kind}_created`)?.value ?? 0;
  if (created > 0)
    return i18n.t("blanks.undecided", { kind, count: Math.round(created), minutes: history.graceMinutes });
  if (input.start.getTime() < since.getTime()) return i18n.t("blanks.noneTracked", tracking);
  return i18n.t("blanks.noneStarted", { kind });
}

function noOneActiveReason(input: BlankInput, history: ShopHistory, i18n: Translator): string {
  const first = history.firstOrderAt!;
  if (input.start.getTime() <= first.getTime())
    return i18n.t(advised(input, "blanks.noOneActive.first", "blanks.noOneActive.first.advice"), {
      date: dateText(first, history.timeZone, i18n),
    });
  return i18n.t("blanks.noOneActive.window", { days: history.activityWindowDays });
}

function clvReason(input: BlankInput, history: ShopHistory, i18n: Translator): string {
  const firstDay = localDate(history.firstOrderAt!, history.timeZone);
  const lastDay = localDate(new Date(input.end.getTime() - 1), history.timeZone);
  if (dayNumber(lastDay) < dayNumber(firstDay) + CLV_HISTORY_DAYS)
    return i18n.t("blanks.clv.history", {
      first: civilText(firstDay, i18n),
      from: civilText(addDays(firstDay, CLV_HISTORY_DAYS), i18n),
    });
  const churn = input.kpi === "annual_churn_rate" ? input.result : input.context?.get("annual_churn_rate");
  if (churn?.value === 0) return i18n.t("blanks.clv.noLapse");
  if (churn && churn.value === null) return i18n.t("blanks.clv.churnUnknown");
  return i18n.t("blanks.noOrdersYear");
}

/** The KPIs whose value reads with its base ("3 of 41 checkouts abandoned"), each with its own message. */
const BASES: Partial<Record<KpiId, MessageId>> = {
  checkout_abandonment_rate: "blanks.base.checkout_abandonment_rate",
  cart_abandonment_rate: "blanks.base.cart_abandonment_rate",
  retention_rate: "blanks.base.retention_rate",
  churn_rate: "blanks.base.churn_rate",
  returning_customer_rate: "blanks.base.returning_customer_rate",
};

/** Why a compared period's value (previous period, last year) is "—"; null on a free range, whose headline says it. */
export function comparisonBlankReason(
  kpi: KpiId,
  compared: { readonly start: Date; readonly end: Date },
  values: ReadonlyMap<string, BlankValue> | undefined,
  history: ShopHistory,
  freeRange: boolean,
  i18n: Translator,
): string | null {
  if (freeRange) return null;
  const result = values?.get(kpi) ?? null;
  return blankReason(
    { kpi, start: compared.start, end: compared.end, result, context: values, comparison: true },
    history,
    i18n,
  );
}

/** The base of a rate with a value ("3 of 41 checkouts abandoned"); null for other KPIs and blanks. */
export function rateBase(kpi: KpiId, result: BlankValue | null | undefined, i18n: Translator): string | null {
  const base = BASES[kpi];
  if (!base || result?.value == null || result.numerator === null || result.denominator === null) return null;
  return i18n.t(base, {
    numerator: Math.round(result.numerator),
    denominator: Math.round(result.denominator),
  });
}
