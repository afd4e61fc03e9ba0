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
import { verifyOptInToken, type OptInTokenCheck } from "~/digest/opt-in-token.server";
import { env } from "~/env.server";
import { log } from "~/logger.server";

/** The URL carries a signed token: no cache keeps the page, no Referer passes it on. */
const PRIVATE_PAGE = { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" } as const;

export const headers: HeadersFunction = () => PRIVATE_PAGE;

export const meta: MetaFunction = () => [
  { title: "Confirm the weekly digest · Pulse KPI" },
  { name: "robots", content: "noindex" },
];

function check(request: Request): OptInTokenCheck {
  return verifyOptInToken(env().SHOPIFY_API_SECRET, new URL(request.url).searchParams.get("token"));
}

const refusal = (check: Extract<OptInTokenCheck, { ok: false }>) => {
  log.warn("digest opt-in link refused", { reason: check.reason });
  return data(
    { state: "refused" as const, email: null, expired: check.reason === "expired" },
    { status: check.reason === "malformed" ? 400 : 403, headers: PRIVATE_PAGE },
  );
};

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
    <main style={page}>
      <h1 style={{ fontSize: "1.4rem" }}>Pulse KPI weekly digest</h1>
      {result.state === "done" ? (
        <p>{`${result.email} will receive the weekly digest again. Each digest has a link to unsubscribe.`}</p>
      ) : null}
      {result.state === "confirm" ? (
        <Form method="post" replace>
          <p>{`Send the weekly digest to ${result.email} again?`}</p>
          <button type="submit" style={{ padding: "0.5rem 1rem", fontSize: "1rem" }}>
            Yes, send me the digest
          </button>
        </Form>
      ) : null}
      {result.state === "outdated" ? (
        <p>
          This link is no longer valid: a newer confirmation email was sent, you unsubscribed since, or the
          address was already confirmed. Use the most recent email, or ask a store admin to send a new one.
        </p>
      ) : null}
      {result.state === "refused" ? (
        <p>
          {result.expired
            ? "This confirmation link has expired. Ask a store admin to send a new one from the app's settings."
            : "This confirmation link is not valid. Use the link exactly as it appears in the email."}
        </p>
      ) : null}
    </main>
  );
}
