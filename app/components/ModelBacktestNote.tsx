import { Box, Text } from "@shopify/polaris";
import type { ModelBacktestSummary } from "~/clv/model-backtest.server";

/** The one sentence that tells a merchant how well the customer model did on their own recent orders. */
export function modelBacktestSentence(backtest: ModelBacktestSummary): string {
  if (backtest.status === "skipped")
    return `Not enough order history yet to check the model against your store's last ${backtest.weeks} weeks.`;
  const count = (value: number) => Math.round(value).toLocaleString("en");
  return (
    `On your store, the model predicted ${count(backtest.predictedRepeatOrders)} repeat orders for the last ` +
    `${backtest.weeks} weeks; there were ${count(backtest.actualRepeatOrders)}.`
  );
}

export function ModelBacktestNote({ backtest }: { backtest: ModelBacktestSummary | null }) {
  if (!backtest) return null;
  // Cards go edge to edge on phones; the sentence keeps the page's text inset there.
  return (
    <Box paddingInline={{ xs: "400", sm: "0" }}>
      <Text as="p" tone="subdued">
        {modelBacktestSentence(backtest)}{" "}
        {backtest.status === "ok"
          ? `(${backtest.modelLabel}, the best of three models on that check.)`
          : null}
      </Text>
    </Box>
  );
}
