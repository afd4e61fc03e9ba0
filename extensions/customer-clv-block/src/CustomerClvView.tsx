/** @jsxImportSource preact */
import type { I18n } from "@shopify/ui-extensions";
import type { BlockState } from "./load-customer-clv";

const BADGE_TONES: Record<string, "success" | "info" | "warning" | "critical"> = {
  success: "success",
  info: "info",
  warning: "warning",
  critical: "critical",
};

/** The parts of Shopify's extension i18n the block uses: its own locales/ files and Intl formats. */
export type BlockI18n = Pick<I18n, "translate" | "formatNumber" | "formatCurrency">;

const horizonText = (i18n: BlockI18n, days: number) =>
  days === 365 ? i18n.translate("horizonYear") : i18n.translate("horizonDays", { count: days });

/**
 * The block's content for one state, in the admin user's language (Shopify picks the locales/ file);
 * pure, so tests render it without Shopify's admin. The segment is named from its stable key.
 */
export function CustomerClvView({ state, i18n }: { state: BlockState; i18n: BlockI18n }) {
  const heading = i18n.translate("heading");
  if (state.kind === "loading")
    return (
      <s-admin-block heading={heading}>
        <s-spinner accessibilityLabel={i18n.translate("loading")} />
      </s-admin-block>
    );
  if (state.kind !== "ready") {
    const message =
      state.kind === "missing"
        ? i18n.translate("missing")
        : i18n.translate(state.reason === "not-customer" ? "notCustomer" : "failed");
    return (
      <s-admin-block heading={heading}>
        <s-text color="subdued">{message}</s-text>
      </s-admin-block>
    );
  }
  const { card } = state;
  const horizon = horizonText(i18n, card.horizonDays);
  const segment = i18n.translate(`segment.${card.segment.key}.name`);
  const money = (amount: number) => i18n.formatCurrency(amount, { currency: card.currency });
  const predicted = money(card.predictedValue.amount);
  return (
    <s-admin-block
      heading={heading}
      collapsedSummary={i18n.translate("summary", { segment, value: predicted })}
    >
      <s-stack direction="block" gap="base">
        <s-stack direction="inline" gap="small-200">
          <s-badge tone={BADGE_TONES[card.segment.tone] ?? "info"}>{segment}</s-badge>
          <s-text color="subdued">{i18n.translate(`segment.${card.segment.key}.rule`)}</s-text>
        </s-stack>
        <s-text>
          {i18n.translate("chanceActive", {
            chance: i18n.formatNumber(card.chanceActivePct / 100, { style: "percent" }),
          })}
        </s-text>
        <s-text>
          {i18n.translate("expectedOrders", {
            horizon,
            orders: i18n.formatNumber(card.expectedOrders, { maximumFractionDigits: 1 }),
          })}
        </s-text>
        <s-text>{i18n.translate("predictedValue", { horizon, value: predicted })}</s-text>
        <s-text>{i18n.translate("spentToDate", { value: money(card.spendToDate.amount) })}</s-text>
        <s-link href={`app:${card.appPath}`}>{i18n.translate("seeSegment", { segment })}</s-link>
      </s-stack>
    </s-admin-block>
  );
}
