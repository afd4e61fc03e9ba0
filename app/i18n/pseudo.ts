import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { printAST } from "@formatjs/icu-messageformat-parser/printer.js";

const ACCENTED: Record<string, string> = Object.fromEntries(
  [..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"].map((letter, index) => [
    letter,
    [..."àƀçđéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÀƁÇĐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ"][index]!,
  ]),
);
const VOWELS = /[aeiouyAEIOUY]/;

/** Every ASCII letter accented, every vowel doubled: no English letter left, words ~40 % longer. */
function pseudoText(text: string): string {
  return [...text].map((char) => (ACCENTED[char] ?? char).repeat(VOWELS.test(char) ? 2 : 1)).join("");
}

function transform(elements: MessageFormatElement[]): MessageFormatElement[] {
  return elements.map((element) => {
    switch (element.type) {
      case TYPE.literal:
        return { ...element, value: pseudoText(element.value) };
      case TYPE.tag:
        return { ...element, children: transform(element.children) };
      case TYPE.plural:
      case TYPE.select:
        return {
          ...element,
          options: Object.fromEntries(
            Object.entries(element.options).map(([key, option]) => [
              key,
              { ...option, value: transform(option.value) },
            ]),
          ),
        };
      default:
        return element;
    }
  });
}

/**
 * The pseudo-locale form of an ICU message: its words accented and lengthened, in brackets so that a
 * clipped label shows; placeholders, plural and select syntax and tags are left as they are.
 */
export function pseudoLocalize(message: string): string {
  return `[${printAST(transform(parse(message)))}]`;
}
