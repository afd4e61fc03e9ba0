import type { ReactNode } from "react";
import { useT } from "~/i18n/I18nProvider";

/** The plain page of a link opened from an email: outside the admin, so no Polaris frame. */
export function PublicPage({ children }: { children: ReactNode }) {
  const { t } = useT();
  return (
    <main style={PAGE}>
      <h1 style={{ fontSize: "1.4rem" }}>{t("publicPages.heading")}</h1>
      {children}
    </main>
  );
}

/** A meta tag: signed links are personal, so search engines must not index their pages. */
export const NOT_INDEXED = { name: "robots", content: "noindex" } as const;

export const PUBLIC_BUTTON = { padding: "0.5rem 1rem", fontSize: "1rem" } as const;

const PAGE = {
  fontFamily: "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif",
  maxWidth: "32rem",
  margin: "4rem auto",
  padding: "0 1rem",
  lineHeight: 1.5,
} as const;
