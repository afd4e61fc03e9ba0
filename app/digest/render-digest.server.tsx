/** Renders a digest: subject, HTML (react-email), plain text and its inline chart PNGs. */
import { render } from "@react-email/render";
import type { DigestContent } from "./digest-content";
import { DigestEmail } from "~/digest/email/digest-email";
import type { DigestFormat } from "./format";
import { highlights } from "./highlights";
import { digestPlainText } from "./plain-text";
import { trendChartSvg } from "./trend-chart";
import { svgToPng } from "./trend-chart-png.server";

export interface InlineImage {
  readonly cid: string;
  readonly filename: string;
  readonly content: Buffer;
}

export interface RenderedDigest {
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}

/** One PNG per KPI; the same for every recipient, so rendered once per digest. */
export function digestCharts(content: DigestContent): InlineImage[] {
  return content.rows.map((row) => ({
    cid: row.chartCid,
    filename: `${row.kpi.key}-trend.png`,
    content: svgToPng(trendChartSvg(row.trend, row.usualRange)),
  }));
}

export function digestSubject(content: DigestContent, format: DigestFormat, weekRange: string): string {
  const sales = content.rows.find((row) => row.kpi.key === "total_sales");
  const shop = content.shop.name;
  if (!sales) return format.i18n.t("digest.subject.noSales", { shop, weekRange });
  return format.i18n.t("digest.subject", {
    shop,
    weekRange,
    sales: format.value("money", sales.value),
    change: format.change("money", sales.vsPrevious),
  });
}

/** The message for one recipient (only the unsubscribe link differs between recipients). */
export async function renderDigest(
  content: DigestContent,
  format: DigestFormat,
  unsubscribeUrl: string | null,
): Promise<RenderedDigest> {
  const weekRange = format.dateRange(content.week.start, content.week.end, content.shop.timezone);
  const sentences = highlights(content.rows, format);
  const html = await render(
    <DigestEmail
      content={content}
      format={format}
      highlights={sentences}
      weekRange={weekRange}
      unsubscribeUrl={unsubscribeUrl}
    />,
  );
  return {
    subject: digestSubject(content, format, weekRange),
    html,
    text: digestPlainText(content, format, sentences, weekRange, unsubscribeUrl),
  };
}
