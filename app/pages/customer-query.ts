/**
 * The Customers page's view as it lives in the URL: search, filters, sort and page. Reading a URL never
 * fails: a parameter that makes no sense is dropped, with a message saying so, and the rest still
 * applies. Pure, so the page builds its links with the same code the loader reads them with.
 */
import type { MessageId } from "~/i18n/message-id";
import type { Translator } from "~/i18n/translator";
import { currencyExponent } from "~/kpi/money";
import { isSegment, type Segment } from "./customer-segments";

export const PAGE_SIZE = 50;

/** Columns the page sorts by; the bare name sorts in the column's natural direction. */
export const SORT_COLUMNS = [
  {
    column: "name",
    label: "customers.heading.customer",
    descending: false,
    up: "customers.sort.aToZ",
    down: "customers.sort.zToA",
  },
  {
    column: "orders",
    label: "customers.heading.orders",
    descending: true,
    up: "customers.sort.fewest",
    down: "customers.sort.most",
  },
  {
    column: "spent",
    label: "customers.heading.spent",
    descending: true,
    up: "customers.sort.lowest",
    down: "customers.sort.highest",
  },
  {
    column: "clv",
    label: "customers.heading.predicted",
    descending: true,
    up: "customers.sort.lowest",
    down: "customers.sort.highest",
  },
  {
    column: "last-order",
    label: "customers.heading.lastOrder",
    descending: true,
    up: "customers.sort.oldest",
    down: "customers.sort.newest",
  },
  {
    column: "risk",
    label: "customers.heading.chance",
    descending: false,
    up: "customers.sort.lowest",
    down: "customers.sort.highest",
  },
] as const satisfies readonly {
  column: string;
  label: MessageId;
  up: MessageId;
  down: MessageId;
  descending: boolean;
}[];
export type SortColumn = (typeof SORT_COLUMNS)[number]["column"];

/** "clv" sorts by predicted value, highest first; "clv-asc" the other way round. */
export const CUSTOMER_SORTS = SORT_COLUMNS.flatMap((c) => {
  const natural = { value: c.column, descending: c.descending };
  const reverse = { value: `${c.column}-${c.descending ? "asc" : "desc"}`, descending: !c.descending };
  return [natural, reverse].map((s) => ({
    value: s.value,
    column: c.column as SortColumn,
    descending: s.descending,
    /** "Orders, most first" in the translator's language. */
    label: (i18n: Translator) =>
      i18n.t("customers.sort.option", {
        column: i18n.t(c.label),
        direction: i18n.t(s.descending ? c.down : c.up),
      }),
  }));
});
export type CustomerSort = string;
export const DEFAULT_SORT = "clv";

export const sortOf = (value: CustomerSort) =>
  CUSTOMER_SORTS.find((s) => s.value === value) ?? CUSTOMER_SORTS.find((s) => s.value === DEFAULT_SORT)!;

/** The sort value for a column in a direction. */
export function sortValue(column: SortColumn, descending: boolean): CustomerSort {
  return CUSTOMER_SORTS.find((s) => s.column === column && s.descending === descending)!.value;
}

export interface Range {
  readonly min: number | null;
  readonly max: number | null;
}

export interface DateRange {
  /** Local days, YYYY-MM-DD, both included. */
  readonly from: string | null;
  readonly to: string | null;
}

export interface CustomerFilters {
  readonly segment: Segment | null;
  /** Part of a name or email; "" for none. */
  readonly search: string;
  /** Money in the shop's minor units. */
  readonly spent: Range;
  readonly predicted: Range;
  readonly orders: Range;
  readonly lastOrder: DateRange;
}

export const NO_FILTERS: CustomerFilters = {
  segment: null,
  search: "",
  spent: { min: null, max: null },
  predicted: { min: null, max: null },
  orders: { min: null, max: null },
  lastOrder: { from: null, to: null },
};

/** Whether anything beyond the segment narrows the list (then its size is counted, not read from the segment sizes). */
export function narrowed(filters: CustomerFilters): boolean {
  const { spent, predicted, orders, lastOrder } = filters;
  return (
    filters.search !== "" ||
    [spent, predicted, orders].some((r) => r.min !== null || r.max !== null) ||
    lastOrder.from !== null ||
    lastOrder.to !== null
  );
}

export const SEARCH_MAX = 100;

export interface FilterRead {
  readonly filters: CustomerFilters;
  readonly sort: CustomerSort;
  /** What was dropped from the URL, and why, in words for the merchant. */
  readonly problems: readonly string[];
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
function validDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === text && Number(m[1]) >= 1970;
}

/** The labels of the range filters, as the filters and their error messages name them. */
export const RANGE_LABELS: Readonly<Record<RangeName, MessageId>> = {
  spent: "customers.filter.spent",
  predicted: "customers.filter.predicted",
  orders: "customers.filter.orders",
  lastOrder: "customers.filter.lastOrder",
};

export function readCustomerFilters(params: URLSearchParams, currency: string, i18n: Translator): FilterRead {
  const problems: string[] = [];
  const factor = 10 ** currencyExponent(currency);

  const segmentText = params.get("segment");
  const segment = isSegment(segmentText) ? segmentText : null;
  if (segmentText && !segment) problems.push(i18n.t("customers.problem.segment", { value: segmentText }));

  const sortText = params.get("sort");
  const sort = CUSTOMER_SORTS.some((s) => s.value === sortText) ? sortText! : DEFAULT_SORT;
  if (sortText && sort !== sortText) problems.push(i18n.t("customers.problem.sort", { value: sortText }));

  let search = (params.get("q") ?? "").trim();
  if (search.length > SEARCH_MAX) {
    search = search.slice(0, SEARCH_MAX);
    problems.push(i18n.t("customers.problem.search", { max: SEARCH_MAX }));
  }

  const bound = (name: RangeName, end: "min" | "max") =>
    i18n.t(end === "min" ? "customers.filter.from" : "customers.filter.to", {
      label: i18n.t(RANGE_LABELS[name]),
    });
  const range = (name: "spent" | "predicted" | "orders", money: boolean, whole: boolean): Range => {
    const read = (end: "min" | "max"): number | null => {
      const text = params.get(`${name}_${end}`)?.trim();
      if (!text) return null;
      const value = Number(text);
      const ok = /^\d+(\.\d+)?$/.test(text) && Number.isFinite(value) && (!whole || Number.isInteger(value));
      if (!ok) {
        problems.push(
          i18n.t("customers.problem.number", {
            field: bound(name, end),
            whole: whole ? "yes" : "no",
            value: text,
          }),
        );
        return null;
      }
      return money ? Math.round(value * factor) : value;
    };
    const min = read("min");
    const max = read("max");
    if (min !== null && max !== null && min > max) {
      problems.push(i18n.t("customers.problem.range", { label: i18n.t(RANGE_LABELS[name]) }));
      return { min: null, max: null };
    }
    return { min, max };
  };
  const spent = range("spent", true, false);
  const predicted = range("predicted", true, false);
  const orders = range("orders", false, true);

  const day = (name: string, end: "min" | "max"): string | null => {
    const text = params.get(name)?.trim();
    if (!text) return null;
    if (validDate(text)) return text;
    problems.push(i18n.t("customers.problem.date", { field: bound("lastOrder", end), value: text }));
    return null;
  };
  let lastOrder: DateRange = { from: day("last_from", "min"), to: day("last_to", "max") };
  if (lastOrder.from && lastOrder.to && lastOrder.from > lastOrder.to) {
    problems.push(i18n.t("customers.problem.dateOrder"));
    lastOrder = { from: null, to: null };
  }
  return { filters: { segment, search, spent, predicted, orders, lastOrder }, sort, problems };
}

export type RangeName = "spent" | "predicted" | "orders" | "lastOrder";

/** The URL parameters of each range's bounds. */
export const RANGE_PARAMS: Readonly<Record<RangeName, readonly [string, string]>> = {
  spent: ["spent_min", "spent_max"],
  predicted: ["predicted_min", "predicted_max"],
  orders: ["orders_min", "orders_max"],
  lastOrder: ["last_from", "last_to"],
};

/** Each range's bounds as the URL spells them ("" when unset), money in major units. */
export function rangeTexts(filters: CustomerFilters, currency: string): Record<RangeName, [string, string]> {
  const factor = 10 ** currencyExponent(currency);
  const text = (r: Range, money: boolean): [string, string] => [
    r.min === null ? "" : String(money ? r.min / factor : r.min),
    r.max === null ? "" : String(money ? r.max / factor : r.max),
  ];
  return {
    spent: text(filters.spent, true),
    predicted: text(filters.predicted, true),
    orders: text(filters.orders, false),
    lastOrder: [filters.lastOrder.from ?? "", filters.lastOrder.to ?? ""],
  };
}

/**
 * The URL parameters of a view (without page and cursors), in a fixed order; money back in major units.
 * Defaults are left out, so the plain page has a plain URL.
 */
export function filterParams(
  filters: CustomerFilters,
  sort: CustomerSort,
  currency: string,
): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.search) params.set("q", filters.search);
  if (filters.segment) params.set("segment", filters.segment);
  const texts = rangeTexts(filters, currency);
  for (const name of Object.keys(RANGE_PARAMS) as RangeName[]) {
    RANGE_PARAMS[name].forEach((param, i) => {
      if (texts[name][i]) params.set(param, texts[name][i]!);
    });
  }
  if (sort !== DEFAULT_SORT) params.set("sort", sort);
  return params;
}
