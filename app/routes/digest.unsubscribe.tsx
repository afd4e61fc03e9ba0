/**
 * One-click unsubscribe from the weekly digest (RFC 8058). Mail providers POST "List-Unsubscribe=One-Click"
 * to the List-Unsubscribe URL; a person opening the link gets a confirmation page (GET) whose button
 * POSTs the same way. The signed token names the shop and recipient; forged or expired ones are refused.
 */
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { db } from "~/db.server";
import { publicPageI18n } from "~/digest/public-page.server";
import { recordUnsubscribe } from "~/digest/recipients.server";
import { I18nProvider, useT } from "~/i18n/I18nProvider";
import { verifyUnsubscribeToken, type TokenCheck } from "~/digest/unsubscribe-token.server";
import { env } from "~/env.server";

/**
 * The URL carries the recipient's signed token: no cache may keep the page, and no link or resource on it
 * may send the URL on as a Referer. Applies to the HTML page and to data requests alike.
 */
const PRIVATE_PAGE = { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" } as const;

export const headers: HeadersFunction = () => PRIVATE_PAGE;

// Signed links are personal: search engines must not index the page.
const NOT_INDEXED = { name: "robots", content: "noindex" };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  ...(data ? [{ title: data.title }] : []),
  NOT_INDEXED,
];

function check(request: Request): TokenCheck {
  return verifyUnsubscribeToken(env().SHOPIFY_API_SECRET, new URL(request.url).searchParams.get("token"));
}

const refusal = <Page extends object>(check: Extract<TokenCheck, { ok: false }>, page: Page) =>
  data(
    { state: "refused" as const, email: null, expired: check.reason === "expired", ...page },
    { status: check.reason === "malformed" ? 400 : 403, headers: PRIVATE_PAGE },
  );

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const token = check(request);
  // The page speaks the language of the digest that linked to it.
  const { i18n, locale, messages } = await publicPageI18n(
    db(),
    token.ok ? token.claims.shopId : null,
    request,
  );
  const page = { locale, messages, title: i18n.t("publicPages.unsubscribe.title") };
  if (!token.ok) return refusal(token, page);
  return data(
    { state: "confirm" as const, email: token.claims.email, expired: false, ...page },
    { headers: PRIVATE_PAGE },
  );
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const token = check(request);
  if (!token.ok) return refusal(token, {});
  const { shopId, email } = token.claims;
  // A shop deleted since (shop/redact) has no digest left to unsubscribe from: the request still succeeds.
  if (await db().shop.findUnique({ where: { id: shopId }, select: { id: true } }))
    await recordUnsubscribe(db(), shopId, email);
  return data({ state: "done" as const, email, expired: false }, { headers: PRIVATE_PAGE });
};

const page = {
  fontFamily: "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif",
  maxWidth: "32rem",
  margin: "4rem auto",
  padding: "0 1rem",
  lineHeight: 1.5,
};

export default function Unsubscribe() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() ?? loaded;
  return (
    <I18nProvider locale={loaded.locale} messages={loaded.messages}>
      <UnsubscribePage state={result.state} email={result.email} expired={result.expired} />
    </I18nProvider>
  );
}

function UnsubscribePage({
  state,
  email,
  expired,
}: {
  state: "confirm" | "done" | "refused";
  email: string | null;
  expired: boolean;
}) {
  const { t } = useT();
  return (
    <main style={page}>
      <h1 style={{ fontSize: "1.4rem" }}>{t("publicPages.heading")}</h1>
      {state === "done" ? <p>{t("publicPages.unsubscribe.done", { email })}</p> : null}
      {state === "confirm" ? (
        <Form method="post" replace>
          <p>{t("publicPages.unsubscribe.question", { email })}</p>
          <input type="hidden" name="List-Unsubscribe" value="One-Click" />
          <button type="submit" style={{ padding: "0.5rem 1rem", fontSize: "1rem" }}>
            {t("publicPages.unsubscribe.button")}
          </button>
        </Form>
      ) : null}
      {state === "refused" ? (
        <p>{t(expired ? "publicPages.unsubscribe.expired" : "publicPages.unsubscribe.invalid")}</p>
      ) : null}
    </main>
  );
}
