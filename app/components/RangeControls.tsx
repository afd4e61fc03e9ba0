import { useLocation, useNavigate, useNavigation } from "@remix-run/react";
import {
  BlockStack,
  Box,
  Button,
  DatePicker,
  InlineError,
  InlineStack,
  OptionList,
  Popover,
  Select,
  TextField,
  useBreakpoints,
} from "@shopify/polaris";
import { CalendarIcon } from "@shopify/polaris-icons";
import { useState, type ReactNode } from "react";
import type {
  Comparison,
  PickerDays,
  RangeChoice,
  RangePreset,
  TrendGranularity,
  ViewState,
} from "~/pages/view-state";
import {
  COMPARISONS,
  customRangeError,
  GRANULARITIES,
  parseCivilDate,
  RANGE_PRESETS,
  readViewState,
  viewSearch,
} from "~/pages/view-state";

/** The picker works on local calendar days; Polaris' DatePicker on Dates at the browser's midnight. */
const toDate = (text: string): Date | null => {
  const d = parseCivilDate(text);
  return d ? new Date(d.year, d.month - 1, d.day) : null;
};
const pad = (n: number) => String(n).padStart(2, "0");
const toText = (date: Date) => `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;

const DAY = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", year: "numeric" });

/** "Last 30 days", or "Mar 1, 2026 – Mar 31, 2026" for a custom range. */
function rangeName(range: RangeChoice, from: string, to: string): string {
  const preset = RANGE_PRESETS.find((p) => p.value === range);
  if (preset) return preset.label;
  const [a, b] = [toDate(from), toDate(to)];
  if (!a || !b) return "Custom range";
  return from === to ? DAY.format(a) : `${DAY.format(a)} – ${DAY.format(b)}`;
}

interface Draft {
  readonly range: RangeChoice;
  readonly from: string;
  readonly to: string;
}

/**
 * The view being shown, or the one being loaded: while a new range loads the controls already show the
 * merchant's choice instead of jumping back to the old one.
 */
function usePendingView(view: ViewState): ViewState {
  const navigation = useNavigation();
  const location = useLocation();
  const next = navigation.location;
  if (navigation.state === "loading" && next && next.pathname === location.pathname)
    return readViewState(new URLSearchParams(next.search));
  return view;
}

/**
 * Date range (a Shopify-Analytics-like picker: presets, a two-month calendar and from/to fields),
 * comparison and trend granularity. Every choice is written to the URL (replace, not push, so Back leaves
 * the page), which re-runs the loader: a reload or a shared link shows the same view.
 */
export function RangeControls({
  view: shownView,
  days,
  picker,
  customError,
  showComparison = true,
}: {
  view: ViewState;
  /** The shown range's first and last local day. */
  days: { from: string; to: string };
  picker: PickerDays;
  customError: string | null;
  showComparison?: boolean;
}) {
  const navigate = useNavigate();
  const view = usePendingView(shownView);
  const go = (next: ViewState) =>
    navigate(viewSearch(next) || "?", { replace: true, preventScrollReset: true });

  const shownDays = (range: RangeChoice, from: string, to: string) =>
    range === "custom" ? { from, to } : picker.presets[range];
  const current: Draft =
    view === shownView
      ? { range: view.range, ...days }
      : { range: view.range, ...shownDays(view.range, view.from, view.to) };

  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<Draft>(current);
  const [fromText, setFromText] = useState(current.from);
  const [toText_, setToText] = useState(current.to);
  const initialMonth = toDate(current.to) ?? toDate(picker.today)!;
  // The right-hand month shows the range's end; the left one the month before.
  const [month, setMonth] = useState(() => {
    const left = new Date(initialMonth.getFullYear(), initialMonth.getMonth() - 1, 1);
    return { month: left.getMonth(), year: left.getFullYear() };
  });

  const { mdDown: narrow } = useBreakpoints();
  // The calendar shows the range's last month: on the right of two, or alone on a phone.
  const showMonthOf = (end: Date) => {
    const shown = narrow ? end : new Date(end.getFullYear(), end.getMonth() - 1, 1);
    setMonth({ month: shown.getMonth(), year: shown.getFullYear() });
  };

  const setDays = (range: RangeChoice, from: string, to: string) => {
    setDraft({ range, from, to });
    setFromText(from);
    setToText(to);
  };
  const openPicker = () => {
    setDays(current.range, current.from, current.to);
    showMonthOf(toDate(current.to) ?? toDate(picker.today)!);
    setOpen(true);
  };
  const draftError =
    draft.range === "custom" ? customRangeError(draft.from, draft.to, parseCivilDate(picker.today)!) : null;
  const apply = () => {
    if (draftError) return;
    setOpen(false);
    go(
      draft.range === "custom"
        ? { ...view, range: "custom", from: draft.from, to: draft.to }
        : { ...view, range: draft.range, from: "", to: "" },
    );
  };
  const typed = (which: "from" | "to", text: string) => {
    if (which === "from") setFromText(text);
    else setToText(text);
    const date = toDate(text.trim());
    if (!date) return;
    const next = { ...draft, range: "custom" as const, [which]: text.trim() };
    setDraft(next);
    if (which === "to") showMonthOf(date);
  };

  const selectedStart = toDate(draft.from);
  const selectedEnd = toDate(draft.to) ?? selectedStart;
  const label = rangeName(current.range, current.from, current.to);
  const pickPreset = (preset: RangePreset) => {
    const presetDays = picker.presets[preset];
    setDays(preset, presetDays.from, presetDays.to);
    showMonthOf(toDate(presetDays.to)!);
  };

  return (
    <InlineStack gap="300" blockAlign="end" wrap>
      <BlockStack gap="100">
        <Popover
          active={open}
          autofocusTarget="first-node"
          preferredAlignment="left"
          fluidContent
          onClose={() => setOpen(false)}
          activator={
            <Button
              icon={CalendarIcon}
              disclosure
              onClick={() => (open ? setOpen(false) : openPicker())}
              accessibilityLabel={`Date range: ${label}`}
            >
              {label}
            </Button>
          }
        >
          <Popover.Pane>
            <Box padding="300">
              {/* On a phone the presets become a select above one month, as in Shopify's own admin. */}
              <Stack narrow={narrow}>
                {narrow ? (
                  <Select
                    label="Date range"
                    options={[
                      ...(draft.range === "custom" ? [{ value: "custom", label: "Custom" }] : []),
                      ...RANGE_PRESETS.map((p) => ({ value: p.value, label: p.label })),
                    ]}
                    value={draft.range}
                    onChange={(value) => pickPreset(value as RangePreset)}
                  />
                ) : (
                  <div style={{ flex: "0 0 11rem" }}>
                    <OptionList
                      title="Date range"
                      options={RANGE_PRESETS.map((p) => ({ value: p.value, label: p.label }))}
                      selected={draft.range === "custom" ? [] : [draft.range]}
                      onChange={([value]) => pickPreset(value as RangePreset)}
                    />
                  </div>
                )}
                <BlockStack gap="300">
                  <InlineStack gap="200" wrap={false}>
                    <TextField
                      label="Starting"
                      value={fromText}
                      onChange={(text) => typed("from", text)}
                      autoComplete="off"
                      placeholder="YYYY-MM-DD"
                    />
                    <TextField
                      label="Ending"
                      value={toText_}
                      onChange={(text) => typed("to", text)}
                      autoComplete="off"
                      placeholder="YYYY-MM-DD"
                    />
                  </InlineStack>
                  <DatePicker
                    month={month.month}
                    year={month.year}
                    onMonthChange={(m, y) => setMonth({ month: m, year: y })}
                    selected={
                      selectedStart && selectedEnd ? { start: selectedStart, end: selectedEnd } : undefined
                    }
                    onChange={({ start, end }) => setDays("custom", toText(start), toText(end ?? start))}
                    disableDatesAfter={toDate(picker.today)!}
                    multiMonth={!narrow}
                    allowRange
                  />
                  {draftError ? <InlineError message={draftError} fieldID="range-picker" /> : null}
                  <InlineStack gap="200" align="end">
                    <Button onClick={() => setOpen(false)}>Cancel</Button>
                    <Button variant="primary" onClick={apply} disabled={draftError !== null}>
                      Apply
                    </Button>
                  </InlineStack>
                </BlockStack>
              </Stack>
            </Box>
          </Popover.Pane>
        </Popover>
        {customError ? <InlineError message={customError} fieldID="range-picker" /> : null}
      </BlockStack>
      {showComparison ? (
        <Select
          label="Compare trend with"
          options={COMPARISONS.map((c) => ({ label: c.label, value: c.value }))}
          value={view.compare}
          onChange={(compare) => go({ ...view, compare: compare as Comparison })}
        />
      ) : null}
      <Select
        label="Trend by"
        options={[
          { label: "Automatic", value: "" },
          ...GRANULARITIES.map((g) => ({ label: g.label, value: g.value })),
        ]}
        value={view.granularity ?? ""}
        onChange={(granularity) =>
          go({ ...view, granularity: granularity === "" ? null : (granularity as TrendGranularity) })
        }
      />
    </InlineStack>
  );
}

/** Presets beside the calendar, or above it on a narrow screen. */
function Stack({ narrow, children }: { narrow: boolean; children: ReactNode }) {
  return narrow ? (
    <BlockStack gap="300">{children}</BlockStack>
  ) : (
    <InlineStack gap="400" wrap={false} blockAlign="start">
      {children}
    </InlineStack>
  );
}
