/**
 * Search and filters of the Customers page (Polaris Filters). Every change goes to the URL through
 * `onChange`; typed values are applied once typing pauses, so each keystroke does not load a page.
 */
import { ChoiceList, Filters, InlineStack, TextField } from "@shopify/polaris";
import { useEffect, useState } from "react";
import type { CustomerFilters as Filtered, RangeName } from "~/pages/customer-query";
import { SEGMENTS, segmentInfo, type Segment } from "~/pages/customer-segments";

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
  return (
    <InlineStack gap="200" wrap={false}>
      <BoundField
        label={`${props.label} from`}
        value={props.from}
        type={props.type}
        prefix={props.prefix}
        onApply={(from) => props.onApply(from, props.to)}
      />
      <BoundField
        label={`${props.label} to`}
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

const RANGES: readonly { name: keyof FilterTexts; label: string; type: "number" | "date"; money: boolean }[] =
  [
    { name: "spent", label: "Spend to date", type: "number", money: true },
    { name: "predicted", label: "Predicted value", type: "number", money: true },
    { name: "orders", label: "Number of orders", type: "number", money: false },
    { name: "lastOrder", label: "Last order", type: "date", money: false },
  ];

function rangeText(
  label: string,
  [from, to]: readonly [string, string],
  money: (v: string) => string,
): string {
  if (from && to) return `${label}: ${money(from)}–${money(to)}`;
  if (from) return `${label}: from ${money(from)}`;
  return `${label}: up to ${money(to)}`;
}

export function CustomerFilters(props: {
  filters: Filtered;
  texts: FilterTexts;
  currencySymbol: string;
  onChange: (change: FilterChange) => void;
}) {
  const { filters, texts, onChange, currencySymbol } = props;
  const [search, setSearch] = useTyped(filters.search, (value) => onChange({ kind: "search", value }));
  const segmentFilter = {
    key: "segment",
    label: "Segment",
    shortcut: true,
    filter: (
      <ChoiceList
        title="Segment"
        titleHidden
        choices={SEGMENTS.map((s) => ({ label: s.label, value: s.value }))}
        selected={filters.segment ? [filters.segment] : []}
        onChange={([value]) => onChange({ kind: "segment", value: (value as Segment | undefined) ?? null })}
      />
    ),
  };
  const rangeFilters = RANGES.map((r) => ({
    key: r.name,
    label: r.label,
    filter: (
      <Bounds
        label={r.label}
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
            label: `Segment: ${segmentInfo(filters.segment).label}`,
            onRemove: () => onChange({ kind: "segment", value: null }),
          },
        ]
      : []),
    ...RANGES.filter((r) => texts[r.name][0] || texts[r.name][1]).map((r) => ({
      key: r.name,
      label: rangeText(r.label, texts[r.name], (v) => (r.money ? `${currencySymbol}${v}` : v)),
      onRemove: () => onChange({ kind: "range", name: r.name, from: "", to: "" }),
    })),
  ];
  return (
    <Filters
      queryValue={search}
      queryPlaceholder="Search by name or email"
      filters={[segmentFilter, ...rangeFilters]}
      appliedFilters={applied}
      onQueryChange={setSearch}
      onQueryClear={() => setSearch("")}
      onClearAll={() => onChange({ kind: "clear" })}
    />
  );
}
