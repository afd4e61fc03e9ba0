/**
 * One-click unsubscribe from the weekly digest (RFC 8058). Mail providers POST "List-Unsubscribe=One-Click"
 * to the List-Unsubscribe URL; a person opening the link gets a confirmation page (GET) whose button
 * POSTs the same way. The signed token names the shop and recipient; forged or expired ones are refused.
 */
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { NOT_INDEXED, PUBLIC_BUTTON, PublicPage } from "~/components/PublicPage";
import { db } from "~/db.server";
import { recordUnsubscribe } from "~/digest/recipients.server";
import { askAboutLink, PRIVATE_PAGE, refuseLink } from "~/digest/signed-link-page.server";
import { verifyUnsubscribeToken } from "~/digest/unsubscribe-token.server";
import { env } from "~/env.server";
import { I18nProvider, useT } from "~/i18n/I18nProvider";

// Applies to the HTML page and to data requests alike.
export const headers: HeadersFunction = () => PRIVATE_PAGE;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  ...(data ? [{ title: data.title }] : []),
  NOT_INDEXED,
];

const check = (request: Request) =>
  verifyUnsubscribeToken(env().SHOPIFY_API_SECRET, new URL(request.url).searchParams.get("token"));

export const loader = ({ request }: LoaderFunctionArgs) =>
  askAboutLink(db(), request, "unsubscribe", check(request), "publicPages.unsubscribe.title");

export const action = async ({ request }: ActionFunctionArgs) => {
  const token = check(request);
  if (!token.ok) return refuseLink("unsubscribe", token, {});
  const { shopId, email } = token.claims;
  // A shop deleted since (shop/redact) has no digest left to unsubscribe from: the request still succeeds.
  if (await db().shop.findUnique({ where: { id: shopId }, select: { id: true } }))
    await recordUnsubscribe(db(), shopId, email);
  return data({ state: "done" as const, email, expired: false }, { headers: PRIVATE_PAGE });
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
    <PublicPage>
      {state === "done" ? <p>{t("publicPages.unsubscribe.done", { email })}</p> : null}
      {state === "confirm" ? (
        <Form method="post" replace>
          <p>{t("publicPages.unsubscribe.question", { email })}</p>
          <input type="hidden" name="List-Unsubscribe" value="One-Click" />
          <button type="submit" style={PUBLIC_BUTTON}>
            {t("publicPages.unsubscribe.button")}
          </button>
        </Form>
      ) : null}
      {state === "refused" ? (
        <p>{t(expired ? "publicPages.unsubscribe.expired" : "publicPages.unsubscribe.invalid")}</p>
      ) : null}
    </PublicPage>
  );
}
