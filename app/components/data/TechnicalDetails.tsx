import { Text } from "@shopify/polaris";
import { useT } from "~/i18n/I18nProvider";

/** Raw stored text for whoever investigates, folded away below the plain-words sentences. */
export function TechnicalDetails({ lines }: { lines: readonly string[] }) {
  const { t } = useT();
  if (lines.length === 0) return null;
  return (
    <details>
      <summary>
        <Text as="span" variant="bodySm" tone="subdued">
          {t("data.technical.summary")}
        </Text>
      </summary>
      <ul style={{ margin: "0.5rem 0 0", paddingInlineStart: "1.25rem", overflowWrap: "anywhere" }}>
        {lines.map((line) => (
          <li key={line}>
            <Text as="span" variant="bodySm" tone="subdued">
              {line}
            </Text>
          </li>
        ))}
      </ul>
    </details>
  );
}
