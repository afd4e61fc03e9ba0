/**
 * A digest KPI's name in the digest's language. The one place the digest reads KPI names: it takes the
 * catalogue's label key, so names come from the KPI catalogue and never from the digest's own messages.
 */
import { kpiLabel } from "~/kpi/catalog";
import type { Translator } from "~/i18n/translator";
import type { DigestKpi } from "./digest-kpis";

export function digestKpiName(kpi: DigestKpi, i18n: Translator): string {
  return kpiLabel(kpi.labelKey, i18n);
}
