/**
 * Confirms the opt-in email an address gets when an admin adds it again after it unsubscribed. A GET
 * only shows the question (mail scanners open links); the button POSTs, and only a valid signed token
 * for the latest request re-activates the address. Forged, expired or outdated links change nothing.
 */
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { db } from "~/db.server";
import { confirmOptIn } from "~/digest/opt-in.server";
import { publicPageI18n } from "~/digest/public-page.server";
import { I18nProvider, useT } from "~/i18n/I18nProvider";
import { verifyOptInToken, type OptInTokenCheck } from "~/digest/opt-in-token.server";
import { env } from "~/env.server";
import { log } from "~/logger.server";

/** The URL carries a signed token: no cache keeps the page, no Referer passes it on. */
const PRIVATE_PAGE = { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" } as const;

export const headers: HeadersFunction = () => PRIVATE_PAGE;

// Signed links are personal: search engines must not index the page.
const NOT_INDEXED = { name: "robots", content: "noindex" };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  ...(data ? [{ title: data.title }] : []),
  NOT_INDEXED,
];

function check(request: Request): OptInTokenCheck {
  return verifyOptInToken(env().SHOPIFY_API_SECRET, new URL(request.url).searchParams.get("token"));
}

const refusal = <Page extends object>(check: Extract<OptInTokenCheck, { ok: false }>, page: Page) => {
  log.warn("digest opt-in link refused", { reason: check.reason });
  return data(
    { state: "refused" as const, email: null, expired: check.reason === "expired", ...page },
    { status: check.reason === "malformed" ? 400 : 403, headers: PRIVATE_PAGE },
  );
};

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const token = check(request);
  // The page speaks the language of the email that linked to it.
  const { i18n, locale, messages } = await publicPageI18n(
    db(),
    token.ok ? token.claims.shopId : null,
    request,
  );
  const page = { locale, messages, title: i18n.t("publicPages.confirm.title") };
  if (!token.ok) return refusal(token, page);
  return data(
    { state: "confirm" as const, email: token.claims.email, expired: false, ...page },
    { headers: PRIVATE_PAGE },
  );
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const token = check(request);
  if (!token.ok) return refusal(token, {});
  const confirmed = await confirmOptIn(db(), token.claims);
  if (!confirmed) {
    log.warn("digest opt-in link outdated", { shopId: token.claims.shopId });
    return data(
      { state: "outdated" as const, email: token.claims.email, expired: false },
      { status: 409, headers: PRIVATE_PAGE },
    );
  }
  return data(
    { state: "done" as const, email: token.claims.email, expired: false },
    { headers: PRIVATE_PAGE },
  );
};

const page = {
  fontFamily: "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif",
  maxWidth: "32rem",
  margin: "4rem auto",
  padding: "0 1rem",
  lineHeight: 1.5,
};

export default function ConfirmDigest() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() ?? loaded;
  return (
    <I18nProvider locale={loaded.locale} messages={loaded.messages}>
      <ConfirmPage state={result.state} email={result.email} expired={result.expired} />
    </I18nProvider>
  );
}

function ConfirmPage({
  state,
  email,
  expired,
}: {
  state: "confirm" | "done" | "outdated" | "refused";
  email: string | null;
  expired: boolean;
}) {
  const { t } = useT();
  return (
    <main style={page}>
      <h1 style={{ fontSize: "1.4rem" }}>{t("publicPages.heading")}</h1>
      {state === "done" ? <p>{t("publicPages.confirm.done", { email })}</p> : null}
      {state === "confirm" ? (
        <Form method="post" replace>
          <p>{t("publicPages.confirm.question", { email })}</p>
          <button type="submit" style={{ padding: "0.5rem 1rem", fontSize: "1rem" }}>
            {t("publicPages.confirm.button")}
          </button>
        </Form>
      ) : null}
      {state === "outdated" ? <p>{t("publicPages.confirm.outdated")}</p> : null}
      {state === "refused" ? (
        <p>{t(expired ? "publicPages.confirm.expired" : "publicPages.confirm.invalid")}</p>
      ) : null}
    </main>
  );
}
