/**
 * What the merchant pages say about each KPI with a card and a detail page, built from the KPI catalogue
 * (app/kpi/catalog): its title, format, direction, summary and formula in plain words. Pure (client and
 * server share it).
 */
import type { KpiFormat, KpiId } from "~/kpi/catalog";
import type { KpiLabelKey } from "~/kpi/catalog";
import {
  DASHBOARD_KPI_IDS,
  KPI_CATALOG as KPIS,
  KPI_IDS,
  kpiLabel as baseLabel,
  marginLabelKey,
} from "~/kpi/catalog";

export type { KpiFormat } from "~/kpi/catalog";

export interface KpiPart {
  /** Snapshot KPI name of an input shown beside the value. */
  readonly kpi: KpiId;
  readonly label: string;
  readonly format: KpiFormat;
}

export interface KpiEntry {
  /** URL slug of the detail page. */
  readonly slug: string;
  /** Snapshot KPI name. */
  readonly kpi: KpiId;
  readonly title: string;
  readonly format: KpiFormat;
  /** True when a rise is good news (churn and abandonment: false). */
  readonly higherIsBetter: boolean;
  /** One line, shown on the dashboard card. */
  readonly summary: string;
  /** The formula in merchant words. */
  readonly formula: string;
  readonly numerator?: { readonly label: string; readonly format: KpiFormat };
  readonly denominator?: { readonly label: string; readonly format: KpiFormat };
  /** Other snapshot values that explain this one (e.g. the pieces of total sales). */
  readonly parts?: readonly KpiPart[];
  /** Why the number can differ from Shopify's own report; absent when it should match. */
  readonly differsFromShopify?: readonly string[];
}

/** `margin`: the merchant set a gross margin, so margin-weighted KPIs read as profits. */
function pageEntry(kpi: KpiId, margin = false): KpiEntry {
  const kpiLabel = (key: KpiLabelKey) => baseLabel(marginLabelKey(key, margin));
  const definition = KPIS[kpi];
  const page = definition.page;
  if (!page) throw new Error(`KPI ${kpi} is on the dashboard but has no page in the catalogue`);
  return {
    slug: page.slug,
    kpi,
    title: kpiLabel(definition.title),
    format: definition.format,
    higherIsBetter: definition.direction === "higher-is-better",
    summary: kpiLabel(definition.description),
    formula: kpiLabel(definition.formula),
    ...(page.numerator && {
      numerator: { label: kpiLabel(page.numerator.label), format: page.numerator.format },
    }),
    ...(page.denominator && {
      denominator: { label: kpiLabel(page.denominator.label), format: page.denominator.format },
    }),
    ...(page.parts && {
      parts: page.parts.map((part) => ({
        kpi: part,
        label: kpiLabel(KPIS[part].title),
        format: KPIS[part].format,
      })),
    }),
    ...(page.differsFromShopify && { differsFromShopify: page.differsFromShopify.map(kpiLabel) }),
  };
}

/** The KPIs with a card and a detail page, in the dashboard's reading order. */
export const KPI_CATALOG: readonly KpiEntry[] = DASHBOARD_KPI_IDS.map((kpi) => pageEntry(kpi));
const WITH_MARGIN: readonly KpiEntry[] = DASHBOARD_KPI_IDS.map((kpi) => pageEntry(kpi, true));

/** KPIs with a detail page but no dashboard card (historical CLV, reached from the CLV story). */
const DASHBOARD: readonly KpiId[] = DASHBOARD_KPI_IDS;
const PAGE_ONLY_IDS = KPI_IDS.filter((kpi) => KPIS[kpi].page && !DASHBOARD.includes(kpi));
const PAGE_ONLY = PAGE_ONLY_IDS.map((kpi) => pageEntry(kpi));
const PAGE_ONLY_WITH_MARGIN = PAGE_ONLY_IDS.map((kpi) => pageEntry(kpi, true));

/** The entry as it reads with or without a gross margin set (CLV becomes "Profit-based CLV"). */
export function withMarginLabels(entry: KpiEntry, marginSet: boolean): KpiEntry {
  if (!marginSet) return entry;
  return [...WITH_MARGIN, ...PAGE_ONLY_WITH_MARGIN].find((e) => e.kpi === entry.kpi) ?? entry;
}

/** The dashboard cards as they read with or without a gross margin set. */
export const dashboardKpis = (marginSet: boolean): readonly KpiEntry[] =>
  marginSet ? WITH_MARGIN : KPI_CATALOG;

const BY_SLUG = new Map([...KPI_CATALOG, ...PAGE_ONLY].map((entry) => [entry.slug, entry]));

export function kpiBySlug(slug: string | undefined): KpiEntry | undefined {
  return slug === undefined ? undefined : BY_SLUG.get(slug);
}

/** The dashboard cards, in reading order. */
export const DASHBOARD_KPIS: readonly KpiEntry[] = KPI_CATALOG;
