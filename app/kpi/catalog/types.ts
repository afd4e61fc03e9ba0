/** The shape of a catalogue entry: what a KPI is, how it reads, and its one formula over facts. */
import type { KpiFacts } from "~/kpi/facts";
import type { KpiSettings } from "~/kpi/settings";
import type { KpiId } from "./ids";
import type { KpiLabelKey } from "./labels";

/** How a value reads: money in minor units, a count, a fraction shown as percent, years, or a plain multiple. */
export type KpiFormat = "money" | "count" | "percent" | "years" | "multiple";

/** Which way is good news; neutral figures (shipping, taxes, …) have none. */
export type KpiDirection = "higher-is-better" | "lower-is-better" | "neutral";

/** The groups of facts (app/kpi/facts.ts) a KPI reads. */
export type FactGroup =
  "sales" | "previous-sales" | "undecided" | "customers" | "year" | "historical" | "spend";

/** A value with the numerator and denominator that produced it (null when it is no ratio). */
export interface KpiResult {
  readonly value: number | null;
  readonly numerator: number | null;
  readonly denominator: number | null;
}

/** How the KPI pages show a KPI that has its own card and detail page. */
export interface KpiPage {
  /** URL slug of the detail page. */
  readonly slug: string;
  readonly numerator?: { readonly label: KpiLabelKey; readonly format: KpiFormat };
  readonly denominator?: { readonly label: KpiLabelKey; readonly format: KpiFormat };
  /** Other KPIs that explain this one, shown beside it under their own titles. */
  readonly parts?: readonly KpiId[];
  /** Why the number can differ from Shopify's own report; absent when it should match. */
  readonly differsFromShopify?: readonly KpiLabelKey[];
}

export interface KpiDefinition {
  readonly title: KpiLabelKey;
  /** One line, in merchant words (the dashboard card's summary). */
  readonly description: KpiLabelKey;
  /** The formula in merchant words; docs/kpi-definitions.md has the precise definition. */
  readonly formula: KpiLabelKey;
  readonly format: KpiFormat;
  readonly direction: KpiDirection;
  readonly needs: readonly FactGroup[];
  readonly fromFacts: (facts: KpiFacts, settings: KpiSettings) => KpiResult;
  readonly page?: KpiPage;
}
