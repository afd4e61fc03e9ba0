import { Text } from "@shopify/polaris";
import { useT } from "~/i18n/I18nProvider";
import type { KpiChange } from "~/pages/kpi-format";

const ARROW = { up: "▲", down: "▼", flat: "▬", none: "" } as const;
const TONE = { better: "success", worse: "critical", flat: "subdued", unknown: "subdued" } as const;

/**
 * A change with an arrow for its direction and a colour for its meaning (a rising churn is red). The
 * verdict is also spelled out for screen readers, so colour is never the only signal.
 */
export function ChangeIndicator({ change, against }: { change: KpiChange; against: string }) {
  const i18n = useT();
  const verdict = i18n.t("dashboard.change.verdict", { verdict: change.verdict });
  return (
    <Text as="span" variant="bodySm" tone={TONE[change.verdict]}>
      <span aria-hidden="true">{ARROW[change.direction]} </span>
      {change.text}
      <Text as="span" visuallyHidden>
        {" "}
        {verdict}
      </Text>{" "}
      <Text as="span" variant="bodySm" tone="subdued">
        {against}
      </Text>
    </Text>
  );
}
