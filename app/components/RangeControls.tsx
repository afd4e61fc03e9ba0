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
import { useT } from "~/i18n/I18nProvider";
import type { Translator } from "~/i18n/translator";
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
  rangeProblemText,
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

const DAY = { month: "short", day: "numeric", year: "numeric" } as const;

type WithWeekInfo = Intl.Locale & {
  getWeekInfo?: () => { firstDay: number };
  weekInfo?: { firstDay: number };
};

/**
 * The calendar's first weekday in the reader's locale, as Polaris counts it (0 = Sunday): Monday in
 * Polish, Ukrainian and Greek, Sunday in US English. Server and browser read the same CLDR data.
 */
function weekStart(locale: string): number {
  const info = new Intl.Locale(locale) as WithWeekInfo;
  return (info.getWeekInfo?.().firstDay ?? info.weekInfo?.firstDay ?? 7) % 7;
}

/** "Last 30 days", or "Mar 1, 2026 – Mar 31, 2026" for a custom range. */
function rangeName(range: RangeChoice, from: string, to: string, i18n: Translator): string {
  const preset = RANGE_PRESETS.find((p) => p.value === range);
  if (preset) return i18n.t(preset.label);
  const [a, b] = [toDate(from), toDate(to)];
  if (!a || !b) return i18n.t("period.picker.customRange");
  // Both are the browser's midnights of local days: formatted in the browser's zone, they stay those days.
  const day = (date: Date) => i18n.intl.formatDate(date, DAY);
  return from === to ? day(a) : i18n.t("period.range", { from: day(a), to: day(b) });
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
  /** Why the range in the URL could not be shown, worded by the server. */
  customError: string | null;
  showComparison?: boolean;
}) {
  const i18n = useT();
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
  const draftProblem =
    draft.range === "custom" ? customRangeError(draft.from, draft.to, parseCivilDate(picker.today)!) : null;
  const draftError = draftProblem ? rangeProblemText(draftProblem, i18n) : null;
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
  const label = rangeName(current.range, current.from, current.to, i18n);
  const presetOptions = RANGE_PRESETS.map((p) => ({ value: p.value, label: i18n.t(p.label) }));
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
              accessibilityLabel={i18n.t("period.picker.button", { range: label })}
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
                    label={i18n.t("period.picker.dateRange")}
                    options={[
                      ...(draft.range === "custom"
                        ? [{ value: "custom", label: i18n.t("period.preset.custom") }]
                        : []),
                      ...presetOptions,
                    ]}
                    value={draft.range}
                    onChange={(value) => pickPreset(value as RangePreset)}
                  />
                ) : (
                  <div style={{ flex: "0 0 11rem" }}>
                    <OptionList
                      title={i18n.t("period.picker.dateRange")}
                      options={presetOptions}
                      selected={draft.range === "custom" ? [] : [draft.range]}
                      onChange={([value]) => pickPreset(value as RangePreset)}
                    />
                  </div>
                )}
                <BlockStack gap="300">
                  <InlineStack gap="200" wrap={false}>
                    <TextField
                      label={i18n.t("period.picker.starting")}
                      value={fromText}
                      onChange={(text) => typed("from", text)}
                      autoComplete="off"
                      placeholder={i18n.t("period.picker.datePlaceholder")}
                    />
                    <TextField
                      label={i18n.t("period.picker.ending")}
                      value={toText_}
                      onChange={(text) => typed("to", text)}
                      autoComplete="off"
                      placeholder={i18n.t("period.picker.datePlaceholder")}
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
                    weekStartsOn={weekStart(i18n.formatLocale)}
                    allowRange
                  />
                  {draftError ? <InlineError message={draftError} fieldID="range-picker" /> : null}
                  <InlineStack gap="200" align="end">
                    <Button onClick={() => setOpen(false)}>{i18n.t("period.picker.cancel")}</Button>
                    <Button variant="primary" onClick={apply} disabled={draftError !== null}>
                      {i18n.t("period.picker.apply")}
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
          label={i18n.t("period.picker.compare")}
          options={COMPARISONS.map((c) => ({ label: i18n.t(c.label), value: c.value }))}
          value={view.compare}
          onChange={(compare) => go({ ...view, compare: compare as Comparison })}
        />
      ) : null}
      <Select
        label={i18n.t("period.picker.trendBy")}
        options={[
          { label: i18n.t("period.granularity.auto"), value: "" },
          ...GRANULARITIES.map((g) => ({ label: i18n.t(g.label), value: g.value })),
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
