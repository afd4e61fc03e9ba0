import { useNavigate } from "@remix-run/react";
import { Button, InlineStack, Select, TextField } from "@shopify/polaris";
import { useState } from "react";
import type { Comparison, RangePreset, TrendGranularity, ViewState } from "~/pages/view-state";
import {
  COMPARISONS,
  CUSTOM_PERIOD_HELP,
  GRANULARITIES,
  RANGE_PRESETS,
  viewSearch,
} from "~/pages/view-state";

/**
 * Date range, comparison and trend granularity. Every choice is written to the URL (replace, not push,
 * so Back leaves the page), which re-runs the loader: a reload or a shared link shows the same view.
 */
export function RangeControls({
  view,
  customError,
  showComparison = true,
}: {
  view: ViewState;
  customError: string | null;
  showComparison?: boolean;
}) {
  const navigate = useNavigate();
  const [custom, setCustom] = useState(view.period);
  const go = (next: ViewState) =>
    navigate(viewSearch(next) || "?", { replace: true, preventScrollReset: true });
  return (
    <InlineStack gap="300" blockAlign="end" wrap>
      <Select
        label="Date range"
        options={RANGE_PRESETS.map((p) => ({ label: p.label, value: p.value }))}
        value={view.range}
        onChange={(range) => go({ ...view, range: range as RangePreset })}
      />
      {view.range === "custom" ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            go({ ...view, period: custom.trim() });
          }}
        >
          <InlineStack gap="200" blockAlign="end" wrap={false}>
            <TextField
              label="Period"
              value={custom}
              onChange={setCustom}
              autoComplete="off"
              placeholder="2026-03"
              helpText={CUSTOM_PERIOD_HELP}
              error={customError ?? undefined}
            />
            <Button submit>Apply</Button>
          </InlineStack>
        </form>
      ) : null}
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
