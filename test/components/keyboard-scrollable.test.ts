/**
 * KeyboardScrollable finds the IndexTable's scroll container by a Polaris class name, for want of a prop.
 * A Polaris upgrade that renames the class would silently leave the table without keyboard access; this
 * fails instead.
 */
import { AppProvider, IndexTable } from "@shopify/polaris";
import en from "@shopify/polaris/locales/en.json";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { SCROLL_CONTAINER_CLASS } from "~/components/KeyboardScrollable";

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
    expect(html).toMatch(new RegExp(`<div[^>]*class="[^"]*\\b${SCROLL_CONTAINER_CLASS}\\b[^"]*"`));
    expect(html).toContain("Ada");
  });
});
