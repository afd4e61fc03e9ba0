/**
 * Every merchant-facing word about a KPI lives in the `kpi` namespace (app/i18n/messages/<lang>/kpi.json)
 * under a stable key: its title, description, formula, numerator and denominator, and why it can differ
 * from Shopify. Pages, the digest and the CSVs look texts up here; nothing else spells them.
 */
import KPI_EN from "~/i18n/messages/en/kpi.json";
import type { Translator } from "~/i18n/translator";

export type KpiLabelKey = keyof typeof KPI_EN;

/**
 * The label a key reads as when the merchant has set a gross margin: margin-weighted figures are profits
 * and say so; every other key reads the same.
 */
export function marginLabelKey(key: KpiLabelKey, marginSet: boolean): KpiLabelKey {
  const margin = `${key}.margin`;
  return marginSet && margin in KPI_EN ? (margin as KpiLabelKey) : key;
}

/** The text of a label key in the translator's language. */
export function kpiLabel(key: KpiLabelKey, i18n: Translator): string {
  return i18n.t(`kpi.${key}`);
}
