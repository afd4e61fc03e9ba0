import { Box, Text } from "@shopify/polaris";
import type { ModelBacktestSummary } from "~/clv/model-backtest.server";
import { useT } from "~/i18n/I18nProvider";
import type { Translator } from "~/i18n/translator";

/** The one sentence that tells a merchant how well the customer model did on their own recent orders. */
export function modelBacktestSentence(backtest: ModelBacktestSummary, i18n: Translator): string {
  if (backtest.status === "skipped") return i18n.t("customers.backtest.skipped", { weeks: backtest.weeks });
  return i18n.t("customers.backtest.result", {
    predicted: Math.round(backtest.predictedRepeatOrders),
    weeks: backtest.weeks,
    actual: Math.round(backtest.actualRepeatOrders),
  });
}

export function ModelBacktestNote({ backtest }: { backtest: ModelBacktestSummary | null }) {
  const i18n = useT();
  if (!backtest) return null;
  // Cards go edge to edge on phones; the sentence keeps the page's text inset there.
  return (
    <Box paddingInline={{ xs: "400", sm: "0" }}>
      <Text as="p" tone="subdued">
        {modelBacktestSentence(backtest, i18n)}{" "}
        {backtest.status === "ok" ? i18n.t("customers.backtest.best", { model: backtest.modelLabel }) : null}
      </Text>
    </Box>
  );
}
