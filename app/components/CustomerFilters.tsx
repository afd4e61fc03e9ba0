/**
 * Search and filters of the Customers page (Polaris Filters). Every change goes to the URL through
 * `onChange`; typed values are applied once typing pauses, so each keystroke does not load a page.
 */
import { ChoiceList, Filters, InlineStack, TextField } from "@shopify/polaris";
import { useEffect, useState } from "react";
import { useT } from "~/i18n/I18nProvider";
import type { Translator } from "~/i18n/translator";
import type { CustomerFilters as Filtered, RangeName } from "~/pages/customer-query";
import { RANGE_LABELS } from "~/pages/customer-query";
import { segmentInfo, segmentInfos, type Segment } from "~/pages/customer-segments";

const PAUSE_MS = 500;

/** A value typed into a field: kept locally, handed on once typing pauses (and at once when it is cleared). */
function useTyped(value: string, apply: (text: string) => void): [string, (text: string) => void] {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  useEffect(() => {
    if (draft === value) return;
    const timer = setTimeout(() => apply(draft), draft === "" ? 0 : PAUSE_MS);
    return () => clearTimeout(timer);
  }, [draft, value, apply]);
  return [draft, setDraft];
}

function BoundField(props: {
  label: string;
  value: string;
  type: "number" | "date";
  prefix?: string;
  onApply: (text: string) => void;
}) {
  const [draft, setDraft] = useTyped(props.value, props.onApply);
  return (
    <TextField
      label={props.label}
      type={props.type}
      min={props.type === "number" ? 0 : undefined}
      prefix={props.prefix}
      value={draft}
      onChange={setDraft}
      onBlur={() => draft !== props.value && props.onApply(draft)}
      autoComplete="off"
    />
  );
}

/** From/to fields of one filter, as the URL holds them (money in major units). */
function Bounds(props: {
  label: string;
  from: string;
  to: string;
  type: "number" | "date";
  prefix?: string;
  onApply: (from: string, to: string) => void;
}) {
  const i18n = useT();
  return (
    <InlineStack gap="200" wrap={false}>
      <BoundField
        label={i18n.t("customers.filter.from", { label: props.label })}
        value={props.from}
        type={props.type}
        prefix={props.prefix}
        onApply={(from) => props.onApply(from, props.to)}
      />
      <BoundField
        label={i18n.t("customers.filter.to", { label: props.label })}
        value={props.to}
        type={props.type}
        prefix={props.prefix}
        onApply={(to) => props.onApply(props.from, to)}
      />
    </InlineStack>
  );
}

/** Range bounds as the URL holds them ("" when unset), money in major units. */
export type FilterTexts = Readonly<Record<RangeName, readonly [string, string]>>;

export type FilterChange =
  | { readonly kind: "search"; readonly value: string }
  | { readonly kind: "segment"; readonly value: Segment | null }
  | { readonly kind: "range"; readonly name: keyof FilterTexts; readonly from: string; readonly to: string }
  | { readonly kind: "clear" };

const RANGES: readonly { name: keyof FilterTexts; type: "number" | "date"; money: boolean }[] = [
  { name: "spent", type: "number", money: true },
  { name: "predicted", type: "number", money: true },
  { name: "orders", type: "number", money: false },
  { name: "lastOrder", type: "date", money: false },
];

function rangeText(
  i18n: Translator,
  label: string,
  [from, to]: readonly [string, string],
  money: (v: string) => string,
): string {
  if (from && to)
    return i18n.t("customers.filter.appliedBetween", { label, from: money(from), to: money(to) });
  if (from) return i18n.t("customers.filter.appliedFrom", { label, from: money(from) });
  return i18n.t("customers.filter.appliedTo", { label, to: money(to) });
}

export function CustomerFilters(props: {
  filters: Filtered;
  texts: FilterTexts;
  currency: string;
  currencySymbol: string;
  onChange: (change: FilterChange) => void;
}) {
  const { filters, texts, onChange, currency, currencySymbol } = props;
  const i18n = useT();
  // A bound as the URL holds it, shown as money in the reader's locale ("150 zł") when it is a number.
  const moneyText = (text: string) =>
    Number.isFinite(Number(text))
      ? i18n.intl.formatNumber(Number(text), { style: "currency", currency })
      : text;
  // A local day (YYYY-MM-DD) is printed as that day, whatever the browser's zone.
  const dayText = (day: string) =>
    /^\d{4}-\d{2}-\d{2}$/.test(day)
      ? i18n.intl.formatDate(new Date(`${day}T00:00:00Z`), { timeZone: "UTC", dateStyle: "medium" })
      : day;
  const [search, setSearch] = useTyped(filters.search, (value) => onChange({ kind: "search", value }));
  const segmentFilter = {
    key: "segment",
    label: i18n.t("customers.filter.segment"),
    shortcut: true,
    filter: (
      <ChoiceList
        title={i18n.t("customers.filter.segment")}
        titleHidden
        choices={segmentInfos(i18n).map((s) => ({ label: s.label, value: s.value }))}
        selected={filters.segment ? [filters.segment] : []}
        onChange={([value]) => onChange({ kind: "segment", value: (value as Segment | undefined) ?? null })}
      />
    ),
  };
  const rangeFilters = RANGES.map((r) => ({
    key: r.name,
    label: i18n.t(RANGE_LABELS[r.name]),
    filter: (
      <Bounds
        label={i18n.t(RANGE_LABELS[r.name])}
        from={texts[r.name][0]}
        to={texts[r.name][1]}
        type={r.type}
        prefix={r.money ? currencySymbol : undefined}
        onApply={(from, to) => onChange({ kind: "range", name: r.name, from, to })}
      />
    ),
  }));
  const applied = [
    ...(filters.segment
      ? [
          {
            key: "segment",
            label: i18n.t("customers.filter.appliedSegment", {
              label: segmentInfo(filters.segment, i18n).label,
            }),
            onRemove: () => onChange({ kind: "segment", value: null }),
          },
        ]
      : []),
    ...RANGES.filter((r) => texts[r.name][0] || texts[r.name][1]).map((r) => ({
      key: r.name,
      label: rangeText(i18n, i18n.t(RANGE_LABELS[r.name]), texts[r.name], (v) =>
        r.money ? moneyText(v) : r.type === "date" ? dayText(v) : v,
      ),
      onRemove: () => onChange({ kind: "range", name: r.name, from: "", to: "" }),
    })),
  ];
  return (
    <Filters
      queryValue={search}
      queryPlaceholder={i18n.t("customers.filter.search")}
      filters={[segmentFilter, ...rangeFilters]}
      appliedFilters={applied}
      onQueryChange={setSearch}
      onQueryClear={() => setSearch("")}
      onClearAll={() => onChange({ kind: "clear" })}
    />
  );
}
