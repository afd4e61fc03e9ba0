import { Links, Meta, Outlet, Scripts, ScrollRestoration, useMatches } from "@remix-run/react";
import { useEffect } from "react";

/** The language of the deepest route that names one (`locale` in its loader data); English otherwise. */
function usePageLanguage(): string {
  const matches = useMatches();
  for (const match of [...matches].reverse()) {
    const data = match.data as { locale?: unknown } | undefined;
    if (data && typeof data.locale === "string") return data.locale;
  }
  return "en";
}

export default function App() {
  const lang = usePageLanguage();
  // Marks the page interactive once React has hydrated it: input typed before then is not seen by React,
  // so browser tests (and anyone measuring) wait for this.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <link rel="preconnect" href="https://cdn.shopify.com/" />
        {/* No favicon of our own: an empty one saves a 404 on every page load. */}
        <link rel="icon" href="data:," />
        <Meta />
        <Links />
      </head>
      <body>
        <Outlet />
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}
