/** The plain-text alternative of the digest: the same numbers and sentences, no layout. Pure. */
import type { DigestContent } from "./digest-content";
import { toneWord } from "./digest-kpis";
import type { DigestFormat } from "./format";
import { digestKpiName } from "./kpi-name";

export function digestPlainText(
  content: DigestContent,
  format: DigestFormat,
  highlights: readonly string[],
  weekRange: string,
  unsubscribeUrl: string | null,
): string {
  const { t } = format.i18n;
  const lines = [
    t("digest.heading", { shop: content.shop.name }),
    t("digest.week", { weekRange, isoWeek: content.week.label }),
    "",
    t("digest.highlights.title"),
  ];
  for (const sentence of highlights) lines.push(`- ${sentence}`);
  lines.push("");
  for (const row of content.rows) {
    const change = (value: number | null) =>
      t("digest.text.change", {
        change: format.change(row.kpi.kind, value),
        tone: toneWord(row, value) ?? "none",
      });
    lines.push(
      t("digest.text.row", {
        kpi: digestKpiName(row.kpi, format.i18n),
        value: format.value(row.kpi.kind, row.value),
        vsLastWeek: change(row.vsPrevious),
        vsYearAgo: change(row.vsYearAgo),
      }),
    );
    if (row.blank ?? row.base) lines.push(`  ${row.blank ?? row.base}`);
  }
  lines.push("", t("digest.text.legend"), "");
  lines.push(t("digest.text.dashboard", { url: content.dashboardUrl }));
  if (unsubscribeUrl) lines.push("", t("digest.text.unsubscribe", { url: unsubscribeUrl }));
  return `${lines.join("\n")}\n`;
}
