/**
 * What the digest's signed-link pages (unsubscribe, opt-in confirmation) share: their privacy headers,
 * the refusal of a bad link, and the GET that only asks the question. Mail scanners open links, so a
 * GET never acts; the page's button POSTs.
 */
import type { PrismaClient } from "@prisma/client";
import { data } from "@remix-run/node";
import type { MessageId } from "~/i18n/message-id";
import { log } from "~/logger.server";
import { publicPageI18n } from "./public-page.server";

/** The URL carries a signed token: no cache may keep the page, no link on it may pass it on as a Referer. */
export const PRIVATE_PAGE = { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" } as const;

export type SignedLinkRefusal = { ok: false; reason: "malformed" | "bad-signature" | "expired" };
export type SignedLinkCheck<Claims> = { ok: true; claims: Claims } | SignedLinkRefusal;

/** A forged, expired or mangled link: the page says which, and nothing changes. */
export function refuseLink<Page extends object>(page: string, check: SignedLinkRefusal, extra: Page) {
  log.warn("digest link refused", { page, reason: check.reason });
  return data(
    { state: "refused" as const, email: null, expired: check.reason === "expired", ...extra },
    { status: check.reason === "malformed" ? 400 : 403, headers: PRIVATE_PAGE },
  );
}

/** The GET: the question in the language of the email that linked here, or the refusal. */
export async function askAboutLink<Claims extends { shopId: number; email: string }>(
  prisma: PrismaClient,
  request: Request,
  page: string,
  check: SignedLinkCheck<Claims>,
  title: MessageId,
) {
  const { i18n, locale, messages } = await publicPageI18n(
    prisma,
    check.ok ? check.claims.shopId : null,
    request,
  );
  const words = { locale, messages, title: i18n.t(title) };
  if (!check.ok) return refuseLink(page, check, words);
  return data(
    { state: "confirm" as const, email: check.claims.email, expired: false, ...words },
    { headers: PRIVATE_PAGE },
  );
}
