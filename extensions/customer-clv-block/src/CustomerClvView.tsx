/** @jsxImportSource preact */
import type { BlockState } from "./load-customer-clv";

const BADGE_TONES: Record<string, "success" | "info" | "warning" | "critical"> = {
  success: "success",
  info: "info",
  warning: "warning",
  critical: "critical",
};

const horizonText = (days: number) => (days === 365 ? "next 12 months" : `next ${days} days`);

/** The block's content for one state; pure, so tests render it without Shopify's admin. */
export function CustomerClvView({ state }: { state: BlockState }) {
  if (state.kind === "loading")
    return (
      <s-admin-block heading="Customer lifetime value">
        <s-spinner accessibilityLabel="Loading the customer's prediction" />
      </s-admin-block>
    );
  if (state.kind !== "ready")
    return (
      <s-admin-block heading="Customer lifetime value">
        <s-text color="subdued">{state.message}</s-text>
      </s-admin-block>
    );
  const { card } = state;
  const horizon = horizonText(card.horizonDays);
  return (
    <s-admin-block
      heading="Customer lifetime value"
      collapsedSummary={`${card.segment.label} · ${card.predictedValue.formatted}`}
    >
      <s-stack direction="block" gap="base">
        <s-stack direction="inline" gap="small-200">
          <s-badge tone={BADGE_TONES[card.segment.tone] ?? "info"}>{card.segment.label}</s-badge>
          <s-text color="subdued">{card.segment.rule}</s-text>
        </s-stack>
        <s-text>Chance still active: {card.chanceActivePct}%</s-text>
        <s-text>
          Expected orders ({horizon}):{" "}
          {card.expectedOrders.toLocaleString("en", { maximumFractionDigits: 1 })}
        </s-text>
        <s-text>
          Predicted value ({horizon}): {card.predictedValue.formatted}
        </s-text>
        <s-text>Spent to date: {card.spendToDate.formatted}</s-text>
        <s-link href={`app:${card.appPath}`}>
          See {card.segment.label.toLowerCase()} customers in Pulse KPI
        </s-link>
      </s-stack>
    </s-admin-block>
  );
}
