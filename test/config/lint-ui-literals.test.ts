import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

async function lint(file: string, code: string) {
  const eslint = new ESLint({ cwd: ROOT });
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result!.messages.filter((m) => m.ruleId === "pulse/no-ui-literals").map((m) => m.line);
}

describe("words a merchant reads come from the message catalogue", () => {
  it("refuses literal words in text, in text props and in Polaris action objects", async () => {
    const code = [
      'import { Button, Page } from "@shopify/polaris";',
      "export function Probe({ ok }: { ok: boolean }) {",
      "  return (",
      '    <Page title="Store health" primaryAction={{ content: "Save" }}>',
      "      <p>Nothing to show</p>",
      '      <Button accessibilityLabel={ok ? "Close" : "Open"}>{`${1} orders`}</Button>',
      "    </Page>",
      "  );",
      "}",
    ].join("\n");
    expect(await lint("app/components/Probe.tsx", code)).toEqual([4, 4, 5, 6, 6, 6]);
  });

  it("lets message ids, tokens, symbols and <meta> content through", async () => {
    const code = [
      'import { Badge, Text } from "@shopify/polaris";',
      'import { useT } from "~/i18n/I18nProvider";',
      "export function Probe() {",
      "  const { t } = useT();",
      "  return (",
      "    <>",
      '      <meta name="viewport" content="width=device-width, initial-scale=1" />',
      '      <Badge tone="success">{t("common.nav.settings")}</Badge>',
      '      <Text as="span">{"—"} · </Text>',
      "    </>",
      "  );",
      "}",
    ].join("\n");
    expect(await lint("app/components/Probe.tsx", code)).toEqual([]);
  });

  it("applies to the digest email too, not to server modules", async () => {
    expect(await lint("app/digest/email/probe.tsx", "export const P = () => <p>Hello</p>;\n")).toEqual([1]);
    expect(await lint("app/pages/probe.server.ts", 'export const title = { title: "Hello" };\n')).toEqual([]);
  });
});
