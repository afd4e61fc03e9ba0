/**
 * KeyboardScrollable finds the tables' scroll containers by Polaris class names, for want of a prop.
 * A Polaris upgrade that renames the class would silently leave the table without keyboard access; this
 * fails instead.
 */
import { AppProvider, DataTable, IndexTable } from "@shopify/polaris";
import en from "@shopify/polaris/locales/en.json";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { SCROLL_CONTAINER_CLASSES } from "~/components/KeyboardScrollable";

const containerOf = (name: string) => new RegExp(`<div[^>]*class="[^"]*\\b${name}\\b[^"]*"`);

describe("KeyboardScrollable", () => {
  it("looks for the class of the scroll container the installed Polaris renders around an IndexTable", () => {
    const row = createElement(IndexTable.Row, {
      id: "c1",
      position: 0,
      children: createElement(IndexTable.Cell, null, "Ada"),
    });
    const table = createElement(
      IndexTable,
      { itemCount: 1, selectable: false, headings: [{ title: "Name" }] },
      row,
    );
    const html = renderToStaticMarkup(createElement(AppProvider, { i18n: en }, table));
    expect(html).toMatch(containerOf(SCROLL_CONTAINER_CLASSES.indexTable));
    expect(html).toContain("Ada");
  });

  it("looks for the class of the scroll container the installed Polaris renders around a DataTable", () => {
    const table = createElement(DataTable, {
      columnContentTypes: ["text", "numeric"],
      headings: ["Period", "Orders"],
      rows: [["Jan 2026", 12]],
    });
    const html = renderToStaticMarkup(createElement(AppProvider, { i18n: en }, table));
    expect(html).toMatch(containerOf(SCROLL_CONTAINER_CLASSES.dataTable));
    expect(html).toContain("Jan 2026");
  });
});
