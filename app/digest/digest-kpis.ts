/**
 * The KPIs the weekly digest reports, in the order it shows them, with their labels, kinds and good
 * direction taken from the KPI catalogue (app/kpi/catalog).
 */
import { translatorFor } from "~/i18n/catalog.server";
import type { Translator } from "~/i18n/translator";
import type { KpiFormat, KpiId, KpiLabelKey } from "~/kpi/catalog";
import { DIGEST_KPI_IDS, KPI_CATALOG, kpiLabel, marginLabelKey } from "~/kpi/catalog";

export type DigestKpiKind = "money" | "count" | "rate" | "multiple";

export interface DigestKpi {
  /** Snapshot KPI name. */
  readonly key: KpiId;
  /** Its name in the catalogue; the digest shows it in its own language (kpi-name.ts). */
  readonly labelKey: KpiLabelKey;
  /** Its name in the language the list was made in. */
  readonly label: string;
  /** Its page in the app (app/routes/app.kpi.$kpi.tsx). */
  readonly slug: string;
  readonly kind: DigestKpiKind;
  readonly betterWhen: "up" | "down";
}

/** The digest's kinds of figure; it reports no years. */
function digestKind(kpi: KpiId, format: KpiFormat): DigestKpiKind {
  if (format === "money" || format === "count" || format === "multiple") return format;
  if (format === "percent") return "rate";
  throw new Error(`The digest cannot show ${kpi} (${format})`);
}

const digestKpisOf = (marginSet: boolean, i18n: Translator): readonly DigestKpi[] =>
  DIGEST_KPI_IDS.map((key) => {
    const definition = KPI_CATALOG[key];
    if (!definition.page) throw new Error(`The digest reports ${key}, which has no page to link to`);
    const labelKey = marginLabelKey(definition.title, marginSet);
    return {
      key,
      labelKey,
      label: kpiLabel(labelKey, i18n),
      slug: definition.page.slug,
      kind: digestKind(key, definition.format),
      betterWhen: definition.direction === "lower-is-better" ? "down" : "up",
    };
  });

/** The digest's KPIs in English, without a gross margin set. */
export const DIGEST_KPIS: readonly DigestKpi[] = digestKpisOf(false, translatorFor("en"));

/**
 * The digest's KPIs as they read with or without a gross margin set (CLV becomes "Profit-based CLV"), in
 * the translator's language.
 */
export const digestKpis = (marginSet: boolean, i18n: Translator): readonly DigestKpi[] =>
  digestKpisOf(marginSet, i18n);

export const DIGEST_KPI_KEYS: readonly KpiId[] = DIGEST_KPI_IDS;

/**
 * Change of a KPI against a base: rates in percentage points (a fraction: 0.012 = 1.2 points), money,
 * counts and multiples relative to the base. Null when either side is undefined, or a relative change has no
 * positive base (as the sales growth of docs/kpi-definitions.md).
 */
export function changeOf(kind: DigestKpiKind, current: number | null, base: number | null): number | null {
  if (current === null || base === null) return null;
  if (kind === "rate") return current - base;
  return base > 0 ? (current - base) / base : null;
}

/** "better" or "worse" for a change, by the KPI's good direction; null when nothing moved or it is unknown. */
export function toneWord(row: { kpi: DigestKpi }, change: number | null): "better" | "worse" | null {
  if (change === null || change === 0) return null;
  return change > 0 === (row.kpi.betterWhen === "up") ? "better" : "worse";
}
