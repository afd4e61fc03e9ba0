import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { CATALOGS, messagesOf, NAMESPACES } from "~/i18n/catalog.server";
import { LANGUAGES, PSEUDO_LOCALE } from "~/i18n/locales";

/** Each argument and tag a message uses, with its kind: "count:plural", "date:date", "link:tag". */
function argumentsOf(elements: MessageFormatElement[], found = new Set<string>()): Set<string> {
  for (const element of elements) {
    switch (element.type) {
      case TYPE.argument:
        found.add(`${element.value}:text`);
        break;
      case TYPE.number:
      case TYPE.date:
      case TYPE.time:
        found.add(`${element.value}:${TYPE[element.type]}`);
        break;
      case TYPE.tag:
        found.add(`${element.value}:tag`);
        argumentsOf(element.children, found);
        break;
      case TYPE.plural:
      case TYPE.select:
        found.add(`${element.value}:${element.type === TYPE.select ? "select" : "plural"}`);
        for (const option of Object.values(element.options)) argumentsOf(option.value, found);
        break;
    }
  }
  return found;
}

/** Every plural of a message whose branches miss one of the language's CLDR categories. */
function pluralGaps(elements: MessageFormatElement[], language: string, gaps: string[] = []): string[] {
  for (const element of elements) {
    if (element.type === TYPE.tag) pluralGaps(element.children, language, gaps);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      if (element.type === TYPE.plural) {
        const type = element.pluralType ?? "cardinal";
        const needed = new Intl.PluralRules(language, { type }).resolvedOptions().pluralCategories;
        const missing = needed.filter((category) => !(category in element.options));
        if (missing.length > 0) gaps.push(`{${element.value}} lacks ${missing.join(", ")}`);
      }
      for (const option of Object.values(element.options)) pluralGaps(option.value, language, gaps);
    }
  }
  return gaps;
}

const english = messagesOf("en");

describe("the message catalogue", () => {
  it("has the same namespaces and keys in every language", () => {
    for (const language of LANGUAGES) {
      expect(Object.keys(CATALOGS[language]).sort(), language).toEqual([...NAMESPACES].sort());
      expect(Object.keys(messagesOf(language)).sort(), language).toEqual(Object.keys(english).sort());
    }
  });

  it.each(LANGUAGES)("%s: every message parses and uses the English message's placeholders", (language) => {
    const problems: string[] = [];
    for (const [id, message] of Object.entries(messagesOf(language))) {
      let ast: MessageFormatElement[];
      try {
        ast = parse(message);
      } catch (error) {
        problems.push(`${id}: does not parse (${(error as Error).message})`);
        continue;
      }
      const expected = [...argumentsOf(parse(english[id]!))].sort();
      const actual = [...argumentsOf(ast)].sort();
      if (expected.join() !== actual.join()) problems.push(`${id}: ${actual} instead of ${expected}`);
      for (const gap of pluralGaps(ast, language)) problems.push(`${id}: ${gap}`);
    }
    expect(problems).toEqual([]);
  });

  it("leaves no message empty and no English text in a translation's place", () => {
    const problems: string[] = [];
    for (const language of LANGUAGES) {
      for (const [id, message] of Object.entries(messagesOf(language))) {
        if (message.trim() === "") problems.push(`${language} ${id}: empty`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("pseudo-localizes every message: same placeholders, no plain ASCII letter outside them", () => {
    const pseudo = messagesOf(PSEUDO_LOCALE);
    for (const [id, message] of Object.entries(english)) {
      const ast = parse(pseudo[id]!);
      expect([...argumentsOf(ast)].sort(), id).toEqual([...argumentsOf(parse(message))].sort());
      const literals = JSON.stringify(ast.filter((element) => element.type === TYPE.literal));
      const text = ast.flatMap((element) => (element.type === TYPE.literal ? [element.value] : [])).join("");
      expect(text, `${id} ${literals}`).not.toMatch(/[A-Za-z]/);
    }
  });
});
