/**
 * What the merchant pages say about each KPI with a card and a detail page, built from the KPI catalogue
 * (app/kpi/catalog): its title, format, direction, summary and formula in the reader's language. Pure
 * (client and server share it).
 */
import type { Translator } from "~/i18n/translator";
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
function pageEntry(kpi: KpiId, i18n: Translator, margin: boolean): KpiEntry {
  const kpiLabel = (key: KpiLabelKey) => baseLabel(marginLabelKey(key, margin), i18n);
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

/** The KPIs with a detail page: the dashboard's cards in reading order, then those reached from elsewhere. */
const DASHBOARD: readonly KpiId[] = DASHBOARD_KPI_IDS;
const PAGE_IDS: readonly KpiId[] = [
  ...DASHBOARD,
  // Historical CLV has a page but no card: the CLV story links to it.
  ...KPI_IDS.filter((kpi) => KPIS[kpi].page && !DASHBOARD.includes(kpi)),
];

/** The KPI ids by the slug of their detail page (no words: the same in every language). */
const ID_BY_SLUG: ReadonlyMap<string, KpiId> = new Map(
  PAGE_IDS.map((kpi) => {
    const slug = KPIS[kpi].page?.slug;
    if (!slug) throw new Error(`KPI ${kpi} is on the dashboard but has no page in the catalogue`);
    return [slug, kpi];
  }),
);

/** The slugs of the dashboard cards' detail pages, in the dashboard's reading order. */
export const KPI_SLUGS: readonly string[] = DASHBOARD.map((kpi) => KPIS[kpi].page!.slug);

/** The KPI a detail page's slug names, or undefined for an unknown slug. */
export function kpiIdBySlug(slug: string | undefined): KpiId | undefined {
  return slug === undefined ? undefined : ID_BY_SLUG.get(slug);
}

// Translators are one per locale and live as long as the process, so are the entries built for them.
const built = new WeakMap<Translator, { plain: readonly KpiEntry[]; margin: readonly KpiEntry[] }>();

/** Every KPI with a detail page, in the translator's language, with or without a gross margin set. */
function pageEntries(i18n: Translator, marginSet: boolean): readonly KpiEntry[] {
  let entries = built.get(i18n);
  if (!entries) {
    entries = {
      plain: PAGE_IDS.map((kpi) => pageEntry(kpi, i18n, false)),
      margin: PAGE_IDS.map((kpi) => pageEntry(kpi, i18n, true)),
    };
    built.set(i18n, entries);
  }
  return marginSet ? entries.margin : entries.plain;
}

/**
 * The KPIs with a card and a detail page, in the dashboard's reading order and the translator's language;
 * with `marginSet` (the merchant set a gross margin) margin-weighted KPIs read as profits ("Profit-based
 * CLV").
 */
export function kpiEntries(i18n: Translator, marginSet = false): readonly KpiEntry[] {
  return pageEntries(i18n, marginSet).slice(0, DASHBOARD.length);
}

/** The dashboard cards as they read with or without a gross margin set. */
export const dashboardKpis = (marginSet: boolean, i18n: Translator): readonly KpiEntry[] =>
  kpiEntries(i18n, marginSet);

/** The entry of a KPI with a detail page (a card's or not), in the translator's language. */
export function kpiEntry(kpi: KpiId, i18n: Translator, marginSet = false): KpiEntry | undefined {
  return pageEntries(i18n, marginSet).find((entry) => entry.kpi === kpi);
}

/** The entry of a detail page's slug in the translator's language; undefined for an unknown slug. */
export function kpiBySlug(
  slug: string | undefined,
  i18n: Translator,
  marginSet = false,
): KpiEntry | undefined {
  const kpi = kpiIdBySlug(slug);
  return kpi === undefined ? undefined : kpiEntry(kpi, i18n, marginSet);
}
