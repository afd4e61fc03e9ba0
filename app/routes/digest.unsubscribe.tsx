/**
 * One-click unsubscribe from the weekly digest (RFC 8058). Mail providers POST "List-Unsubscribe=One-Click"
 * to the List-Unsubscribe URL; a person opening the link gets a confirmation page (GET) whose button
 * POSTs the same way. The signed token names the shop and recipient; forged or expired ones are refused.
 */
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { db } from "~/db.server";
import { recordUnsubscribe } from "~/digest/recipients.server";
import { verifyUnsubscribeToken, type TokenCheck } from "~/digest/unsubscribe-token.server";
import { env } from "~/env.server";

/**
 * The URL carries the recipient's signed token: no cache may keep the page, and no link or resource on it
 * may send the URL on as a Referer. Applies to the HTML page and to data requests alike.
 */
const PRIVATE_PAGE = { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" } as const;

export const headers: HeadersFunction = () => PRIVATE_PAGE;

export const meta: MetaFunction = () => [
  { title: "Unsubscribe · Pulse KPI" },
  { name: "robots", content: "noindex" },
];

function check(request: Request): TokenCheck {
  return verifyUnsubscribeToken(env().SHOPIFY_API_SECRET, new URL(request.url).searchParams.get("token"));
}

const refusal = (check: Extract<TokenCheck, { ok: false }>) =>
  data(
    { state: "refused" as const, email: null, expired: check.reason === "expired" },
    { status: check.reason === "malformed" ? 400 : 403, headers: PRIVATE_PAGE },
  );

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const token = check(request);
  if (!token.ok) return refusal(token);
  return data(
    { state: "confirm" as const, email: token.claims.email, expired: false },
    { headers: PRIVATE_PAGE },
  );
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const token = check(request);
  if (!token.ok) return refusal(token);
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
    <main style={page}>
      <h1 style={{ fontSize: "1.4rem" }}>Pulse KPI weekly digest</h1>
      {result.state === "done" ? (
        <p>{`${result.email} will no longer receive the weekly digest. A store admin can add the address again in the app's settings.`}</p>
      ) : null}
      {result.state === "confirm" ? (
        <Form method="post" replace>
          <p>{`Stop sending the weekly digest to ${result.email}?`}</p>
          <input type="hidden" name="List-Unsubscribe" value="One-Click" />
          <button type="submit" style={{ padding: "0.5rem 1rem", fontSize: "1rem" }}>
            Unsubscribe
          </button>
        </Form>
      ) : null}
      {result.state === "refused" ? (
        <p>
          {result.expired
            ? "This unsubscribe link has expired. Use the link in a more recent digest, or ask a store admin to remove your address in the app's settings."
            : "This unsubscribe link is not valid. Use the link exactly as it appears in the digest."}
        </p>
      ) : null}
    </main>
  );
}
