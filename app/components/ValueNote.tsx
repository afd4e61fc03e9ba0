import { Text, Tooltip } from "@shopify/polaris";
import { useT } from "~/i18n/I18nProvider";

/**
 * The line under a KPI value: why it is "—" and what would fill it, or the base a rate was taken over
 * ("3 of 41 checkouts abandoned"), so that neither a blank nor a bare "0.0%" stands alone.
 */
export function ValueNote({ blank, base }: { blank: string | null; base: string | null }) {
  if (blank)
    return (
      <div data-blank-reason="">
        <Text as="p" variant="bodySm" tone="caution">
          {blank}
        </Text>
      </div>
    );
  if (base)
    return (
      <div data-rate-base="">
        <Text as="p" variant="bodySm" tone="subdued">
          {base}
        </Text>
      </div>
    );
  return null;
}

/** A blank table cell: "—" that says why on hover and focus, and to screen readers in its text. */
export function BlankCell({ reason }: { reason: string }) {
  return (
    <Tooltip content={reason}>
      <span
        tabIndex={0}
        data-blank-reason={reason}
        style={{ textDecoration: "underline dotted", cursor: "help" }}
      >
        —<Text as="span" visuallyHidden>{` ${reason}`}</Text>
      </span>
    </Tooltip>
  );
}

/** Why a compared period's value is "—", under its change. */
export function ComparisonNote({ periodText, blank }: { periodText: string; blank: string | null }) {
  const i18n = useT();
  if (!blank) return null;
  return (
    <div data-comparison-blank="">
      <Text as="p" variant="bodySm" tone="subdued">
        {i18n.t("kpiPage.comparisonBlank", { period: periodText, reason: blank })}
      </Text>
    </div>
  );
}
