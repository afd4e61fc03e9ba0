/** The plain-text alternative of the digest: the same numbers and sentences, no layout. Pure. */
import type { DigestContent } from "./digest-content";
import { toneWord } from "./digest-kpis";
import type { DigestFormat } from "./format";

export function digestPlainText(
  content: DigestContent,
  format: DigestFormat,
  highlights: readonly string[],
  weekRange: string,
  unsubscribeUrl: string | null,
): string {
  const lines = [
    `${content.shop.name}: your week in numbers`,
    `${weekRange} (${content.week.label})`,
    "",
    "What stands out",
  ];
  for (const sentence of highlights) lines.push(`- ${sentence}`);
  lines.push("");
  for (const row of content.rows) {
    const change = (value: number | null) => {
      const word = toneWord(row, value);
      return `${format.change(row.kpi.kind, value)}${word ? `, ${word}` : ""}`;
    };
    lines.push(
      `${row.kpi.label}: ${format.value(row.kpi.kind, row.value)}` +
        ` (vs last week ${change(row.vsPrevious)}; vs a year ago ${change(row.vsYearAgo)})` +
        (row.blankReason ? ` ${row.blankReason}` : ""),
    );
  }
  lines.push("", 'Rates change in percentage points; "—" means the value is undefined.', "");
  lines.push(`Dashboard: ${content.dashboardUrl}`);
  if (unsubscribeUrl) lines.push("", `Unsubscribe: ${unsubscribeUrl}`);
  return `${lines.join("\n")}\n`;
}
