/** The weekly digest email (react-email: table layout, inline styles). Only aggregates, no customer data. */
import {
  Body,
  Column,
  Container,
  Head,
  Heading,
  Hr,
  Html,
  Img,
  Link,
  Preview,
  Row,
  Section,
  Text,
} from "@react-email/components";
import { kpiPageUrl } from "~/shops/admin-link";
import { toneWord } from "~/digest/digest-kpis";
import type { DigestContent, DigestRow } from "~/digest/digest-content";
import type { DigestFormat } from "~/digest/format";
import { USUAL_RANGE_WEEKS, TREND_WEEKS } from "~/digest/digest-week";
import { digestKpiName } from "~/digest/kpi-name";
import { CHART_HEIGHT, CHART_WIDTH } from "~/digest/trend-chart";
import { darkModeCss, palette } from "./palette";

export interface DigestEmailProps {
  readonly content: DigestContent;
  readonly format: DigestFormat;
  readonly highlights: readonly string[];
  readonly weekRange: string;
  /** Absent in previews and test sends outside the schedule. */
  readonly unsubscribeUrl: string | null;
}

const font = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";
const cell = {
  padding: "10px 6px",
  borderBottom: `1px solid ${palette.rule}`,
  verticalAlign: "middle" as const,
};

// Colour alone does not say good or bad (colour blindness, dark themes, print): a word says it too.
function Change({ row, change, format }: { row: DigestRow; change: number | null; format: DigestFormat }) {
  const word = toneWord(row, change);
  const tone = word === "better" ? "good" : word === "worse" ? "bad" : "muted";
  return (
    <Text className={`pk-${tone}`} style={{ margin: 0, fontSize: "13px", color: palette[tone] }}>
      {format.change(row.kpi.kind, change)}
      {word ? (
        <span style={{ display: "block", fontSize: "12px" }}>
          {format.i18n.t(word === "better" ? "digest.tone.better" : "digest.tone.worse")}
        </span>
      ) : null}
    </Text>
  );
}

function KpiRow({
  row,
  format,
  dashboardUrl,
}: {
  row: DigestRow;
  format: DigestFormat;
  dashboardUrl: string;
}) {
  const name = digestKpiName(row.kpi, format.i18n);
  return (
    <Row>
      <Column style={{ ...cell, width: "32%" }}>
        <Link
          href={kpiPageUrl(dashboardUrl, row.kpi.slug)}
          className="pk-link"
          style={{ fontSize: "14px", color: palette.link }}
        >
          {name}
        </Link>
        <Text
          className="pk-text"
          style={{ margin: 0, fontSize: "18px", fontWeight: 600, color: palette.text }}
        >
          {format.value(row.kpi.kind, row.value)}
        </Text>
        {row.blank || row.base ? (
          <Text
            className="pk-muted"
            style={{ margin: 0, fontSize: "12px", lineHeight: "16px", color: palette.muted }}
          >
            {row.blank ?? row.base}
          </Text>
        ) : null}
      </Column>
      <Column style={{ ...cell, width: "17%" }}>
        <Change row={row} change={row.vsPrevious} format={format} />
      </Column>
      <Column style={{ ...cell, width: "17%" }}>
        <Change row={row} change={row.vsYearAgo} format={format} />
      </Column>
      <Column style={{ ...cell, width: "34%" }} align="right">
        <Img
          src={`cid:${row.chartCid}`}
          width={CHART_WIDTH}
          height={CHART_HEIGHT}
          alt={format.i18n.t("digest.chart.alt", { kpi: name, weeks: TREND_WEEKS })}
          // Shrinks with its column on a phone; never wider than drawn.
          style={{ display: "inline-block", width: "100%", maxWidth: `${CHART_WIDTH}px`, height: "auto" }}
        />
      </Column>
    </Row>
  );
}

const headerText = { margin: 0, fontSize: "12px", color: palette.muted };

export function DigestEmail({ content, format, highlights, weekRange, unsubscribeUrl }: DigestEmailProps) {
  const { t } = format.i18n;
  const shop = content.shop.name;
  return (
    <Html lang={format.i18n.locale}>
      <Head>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <meta name="supported-color-schemes" content="light dark" />
        <style>{darkModeCss}</style>
      </Head>
      <Preview>{highlights[0] ?? t("digest.preheader.quiet", { shop })}</Preview>
      <Body
        className="pk-page"
        style={{ margin: 0, padding: "24px 0", backgroundColor: palette.page, fontFamily: font }}
      >
        <Container
          className="pk-card"
          style={{ maxWidth: "640px", padding: "24px", backgroundColor: palette.card, borderRadius: "8px" }}
        >
          <Heading
            as="h1"
            className="pk-text"
            style={{ margin: "0 0 4px", fontSize: "22px", color: palette.text }}
          >
            {t("digest.heading", { shop })}
          </Heading>
          <Text className="pk-muted" style={{ margin: "0 0 16px", fontSize: "14px", color: palette.muted }}>
            {t("digest.week", { weekRange, isoWeek: content.week.label })}
          </Text>

          <Section
            className="pk-highlight"
            style={{ backgroundColor: palette.highlight, borderRadius: "6px", padding: "12px 16px" }}
          >
            <Heading
              as="h2"
              className="pk-text"
              style={{ margin: "0 0 6px", fontSize: "15px", color: palette.text }}
            >
              {t("digest.highlights.title")}
            </Heading>
            {highlights.map((sentence) => (
              <Text
                key={sentence}
                className="pk-text"
                style={{ margin: "4px 0", fontSize: "14px", lineHeight: "20px", color: palette.text }}
              >
                {sentence}
              </Text>
            ))}
          </Section>

          <Section style={{ marginTop: "16px" }}>
            <Row>
              <Column style={{ ...cell, width: "32%" }}>
                <Text className="pk-muted" style={headerText}>
                  {t("digest.table.kpi")}
                </Text>
              </Column>
              <Column style={{ ...cell, width: "17%" }}>
                <Text className="pk-muted" style={headerText}>
                  {t("digest.table.vsLastWeek")}
                </Text>
              </Column>
              <Column style={{ ...cell, width: "17%" }}>
                <Text className="pk-muted" style={headerText}>
                  {t("digest.table.vsYearAgo")}
                </Text>
              </Column>
              <Column style={{ ...cell, width: "34%" }} align="right">
                <Text className="pk-muted" style={headerText}>
                  {t("digest.table.trend", { weeks: TREND_WEEKS })}
                </Text>
              </Column>
            </Row>
            {content.rows.map((row) => (
              <KpiRow key={row.kpi.key} row={row} format={format} dashboardUrl={content.dashboardUrl} />
            ))}
          </Section>

          <Text
            className="pk-muted"
            style={{ margin: "12px 0 0", fontSize: "12px", lineHeight: "18px", color: palette.muted }}
          >
            {t("digest.legend", { weeks: USUAL_RANGE_WEEKS })}
          </Text>

          <Section style={{ marginTop: "20px" }}>
            <Link
              href={content.dashboardUrl}
              className="pk-link"
              style={{ fontSize: "15px", fontWeight: 600, color: palette.link }}
            >
              {t("digest.dashboardLink")}
            </Link>
          </Section>

          <Hr style={{ borderColor: palette.rule, margin: "24px 0 12px" }} />
          <Text className="pk-muted" style={{ margin: 0, fontSize: "12px", color: palette.muted }}>
            {t("digest.footer")}{" "}
            {unsubscribeUrl ? (
              <Link href={unsubscribeUrl} className="pk-link" style={{ color: palette.link }}>
                {t("digest.unsubscribe")}
              </Link>
            ) : null}
          </Text>
        </Container>
      </Body>
    </Html>
  );
}
