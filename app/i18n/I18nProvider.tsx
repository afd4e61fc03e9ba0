import { Children, createContext, useContext, useMemo, type ReactNode } from "react";
import type { AppLocale } from "./locales";
import { createTranslator, type Translator } from "./translator";

const TranslatorContext = createContext<Translator | null>(null);

/** Gives the pages below it the translator of the locale the layout loader chose. */
export function I18nProvider(props: {
  locale: AppLocale;
  messages: Record<string, string>;
  children: ReactNode;
}) {
  const { locale, messages, children } = props;
  const translator = useMemo(() => {
    const base = createTranslator(locale, messages);
    // React wants keys on the pieces of a message with tags; Children.toArray gives them.
    const rich: Translator["rich"] = (id, values) =>
      Children.toArray(base.rich(id, values) as ReactNode[]) as never;
    return { ...base, rich };
  }, [locale, messages]);
  return <TranslatorContext.Provider value={translator}>{children}</TranslatorContext.Provider>;
}

/** The translator of the page: `const { t } = useT()`. */
export function useT(): Translator {
  const translator = useContext(TranslatorContext);
  if (!translator) throw new Error("useT() needs an <I18nProvider> above it (app/routes/app.tsx)");
  return translator;
}
