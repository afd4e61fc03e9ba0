/**
 * Confirms the opt-in email an address gets when an admin adds it again after it unsubscribed. A GET
 * only shows the question (mail scanners open links); the button POSTs, and only a valid signed token
 * for the latest request re-activates the address. Forged, expired or outdated links change nothing.
 */
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { NOT_INDEXED, PUBLIC_BUTTON, PublicPage } from "~/components/PublicPage";
import { db } from "~/db.server";
import { confirmOptIn } from "~/digest/opt-in.server";
import { verifyOptInToken } from "~/digest/opt-in-token.server";
import { askAboutLink, PRIVATE_PAGE, refuseLink } from "~/digest/signed-link-page.server";
import { env } from "~/env.server";
import { I18nProvider, useT } from "~/i18n/I18nProvider";
import { log } from "~/logger.server";

export const headers: HeadersFunction = () => PRIVATE_PAGE;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  ...(data ? [{ title: data.title }] : []),
  NOT_INDEXED,
];

const check = (request: Request) =>
  verifyOptInToken(env().SHOPIFY_API_SECRET, new URL(request.url).searchParams.get("token"));

export const loader = ({ request }: LoaderFunctionArgs) =>
  askAboutLink(db(), request, "opt-in", check(request), "publicPages.confirm.title");

export const action = async ({ request }: ActionFunctionArgs) => {
  const token = check(request);
  if (!token.ok) return refuseLink("opt-in", token, {});
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
    <PublicPage>
      {state === "done" ? <p>{t("publicPages.confirm.done", { email })}</p> : null}
      {state === "confirm" ? (
        <Form method="post" replace>
          <p>{t("publicPages.confirm.question", { email })}</p>
          <button type="submit" style={PUBLIC_BUTTON}>
            {t("publicPages.confirm.button")}
          </button>
        </Form>
      ) : null}
      {state === "outdated" ? <p>{t("publicPages.confirm.outdated")}</p> : null}
      {state === "refused" ? (
        <p>{t(expired ? "publicPages.confirm.expired" : "publicPages.confirm.invalid")}</p>
      ) : null}
    </PublicPage>
  );
}
