/**
 * Re-adding an address that unsubscribed does not start the digest again: the address becomes pending
 * and its owner gets an opt-in email with a signed link; only confirming it removes the unsubscribe.
 */
import type { PrismaClient } from "@prisma/client";
import { translatorFor } from "~/i18n/catalog.server";
import type { Translator } from "~/i18n/translator";
import { log } from "~/logger.server";
import type { DigestConfig } from "./digest-config.server";
import { digestConfigFromEnv } from "./digest-config.server";
import type { DigestTransport } from "./mailer.server";
import { smtpTransport } from "./mailer.server";
import type { OptInClaims } from "./opt-in-token.server";
import { optInUrl, signOptInToken } from "./opt-in-token.server";
import { digestLanguage } from "./shop-locale.server";

/** At most one opt-in email a day per address, however often an admin re-adds it. */
export const OPT_IN_RESEND_AFTER_MS = 24 * 3600 * 1000;

export interface OptInDeps {
  readonly config?: DigestConfig;
  readonly transport?: DigestTransport;
  readonly now?: Date;
}

export type OptInOutcome =
  | { readonly email: string; readonly status: "sent" }
  | { readonly email: string; readonly status: "already-pending" | "not-unsubscribed" | "failed" };

function optInMessage(i18n: Translator, shopName: string, link: string) {
  const shop = shopName;
  const subject = i18n.t("email.optIn.subject", { shop });
  const text =
    `${i18n.t("email.optIn.added", { shop })}\n\n` +
    `${i18n.t("email.optIn.waitingLink")}\n${link}\n\n` +
    `${i18n.t("email.optIn.ignore")}\n`;
  const html =
    `<!doctype html><html lang="${i18n.locale}"><head><meta name="viewport" content="width=device-width, initial-scale=1"></head>` +
    `<body style="font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;line-height:1.5">` +
    `<p>${escapeHtml(i18n.t("email.optIn.added", { shop }))}</p>` +
    `<p>${escapeHtml(i18n.t("email.optIn.waiting"))}</p>` +
    `<p><a href="${escapeHtml(link)}">${escapeHtml(i18n.t("email.optIn.confirm"))}</a></p>` +
    `<p>${escapeHtml(i18n.t("email.optIn.ignore"))}</p></body></html>`;
  return { subject, text, html };
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** Sends an opt-in email to each address that unsubscribed and is not already waiting for one. */
export async function requestOptIns(
  prisma: PrismaClient,
  shopId: number,
  emails: readonly string[],
  deps: OptInDeps = {},
): Promise<OptInOutcome[]> {
  const now = deps.now ?? new Date();
  const config = deps.config ?? digestConfigFromEnv();
  const outcomes: OptInOutcome[] = [];
  for (const raw of emails) {
    const email = raw.trim().toLowerCase();
    const row = await prisma.digestUnsubscribe.findUnique({ where: { shopId_email: { shopId, email } } });
    if (!row) {
      outcomes.push({ email, status: "not-unsubscribed" });
      continue;
    }
    const pending = row.optInRequestedAt;
    if (pending && now.getTime() - pending.getTime() < OPT_IN_RESEND_AFTER_MS) {
      outcomes.push({ email, status: "already-pending" });
      continue;
    }
    outcomes.push({ email, status: await sendOptIn(prisma, shopId, email, pending, now, config, deps) });
  }
  return outcomes;
}

async function sendOptIn(
  prisma: PrismaClient,
  shopId: number,
  email: string,
  previous: Date | null,
  now: Date,
  config: DigestConfig,
  deps: OptInDeps,
): Promise<"sent" | "failed"> {
  const transport = deps.transport ?? (config.smtpUrl ? smtpTransport(config.smtpUrl) : null);
  if (!transport) {
    log.warn("opt-in email not sent: SMTP_URL is not set", { shopId });
    return "failed";
  }
  // Marked first, only if nobody else did meanwhile: two saves at once send one email.
  const marked = await prisma.digestUnsubscribe.updateMany({
    where: { shopId, email, optInRequestedAt: previous },
    data: { optInRequestedAt: now },
  });
  if (marked.count === 0) return "failed";
  const shop = await prisma.shop.findUniqueOrThrow({
    where: { id: shopId },
    select: { name: true, domain: true },
  });
  const token = signOptInToken(config.apiSecret, { shopId, email, requestedAt: now });
  const i18n = translatorFor(await digestLanguage(prisma, shopId));
  const message = optInMessage(i18n, shop.name ?? shop.domain, optInUrl(config.appUrl, token));
  try {
    await transport.sendMail({
      from: config.from,
      to: email,
      ...message,
      headers: { "Auto-Submitted": "auto-generated" },
    });
    return "sent";
  } catch (error) {
    log.error("opt-in email could not be sent", { shopId, error });
    // Not pending after all: the admin may try again at once.
    await prisma.digestUnsubscribe.updateMany({
      where: { shopId, email, optInRequestedAt: now },
      data: { optInRequestedAt: previous },
    });
    return "failed";
  }
}

/**
 * Confirms an opt-in: removes the unsubscribe, but only for the request the token was made for (a newer
 * request, or an unsubscribe since, voids it). True when the address receives the digest again.
 */
export async function confirmOptIn(prisma: PrismaClient, claims: OptInClaims): Promise<boolean> {
  const removed = await prisma.digestUnsubscribe.deleteMany({
    where: {
      shopId: claims.shopId,
      email: claims.email,
      optInRequestedAt: new Date(claims.requestedAt),
    },
  });
  return removed.count === 1;
}
