/**
 * Tells the shop's digest recipients that customers asked for their data, so the request does not sit
 * unseen on the Privacy page. One email per shop and run covers every request not yet announced; each
 * request is claimed (notified_at) before the email goes out, so retries and concurrent runs never
 * announce it twice.
 */
import crypto from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { dashboardUrl } from "~/shops/admin-link";
import type { DigestConfig } from "~/digest/digest-config.server";
import { definitelyNotSent, smtpTransport, type DigestTransport } from "~/digest/mailer.server";
import { digestRecipients } from "~/digest/recipients.server";
import { log } from "~/logger.server";
import { DATA_REQUEST_RETENTION_DAYS, daysBefore, dataRequestExpiresAt } from "./retention";

export interface NoticeDeps {
  prisma: PrismaClient;
  config: DigestConfig;
  /** Tests may pass their own; by default the SMTP transport of config.smtpUrl. */
  transport?: DigestTransport;
  now?: Date;
}

export interface NoticeSummary {
  shops: number;
  requests: number;
  emails: number;
  /** Shops whose email failed; a refused one is tried again by the next run. */
  failed: number;
}

/** "b***@e***.com": enough for the merchant to tell two requests apart, not enough to name the customer. */
export function maskEmail(email: string | null): string | null {
  if (!email) return null;
  const at = email.lastIndexOf("@");
  if (at <= 0) return "***";
  const domain = email.slice(at + 1);
  const dot = domain.lastIndexOf(".");
  const tld = dot > 0 ? domain.slice(dot) : "";
  return `${email[0]}***@${domain[0] ?? ""}***${tld}`;
}

/** The Privacy page inside the shop's admin. */
export const privacyPageUrl = (shopDomain: string, apiKey: string) =>
  `${dashboardUrl(shopDomain, apiKey)}/app/privacy`;

interface Claimed {
  id: bigint;
  email: string | null;
  created_at: Date;
}

/** Sends every pending notice. Without SMTP it does nothing: the requests stay pending, and the page shows them. */
export async function sendDataRequestNotices(deps: NoticeDeps): Promise<NoticeSummary> {
  const summary: NoticeSummary = { shops: 0, requests: 0, emails: 0, failed: 0 };
  if (!deps.config.smtpUrl && !deps.transport) return summary;
  const now = deps.now ?? new Date();
  const cutoff = daysBefore(now, DATA_REQUEST_RETENTION_DAYS);
  const shops = await deps.prisma.$queryRaw<{ shop_id: number }[]>`
    SELECT DISTINCT shop_id FROM data_request WHERE notified_at IS NULL AND created_at > ${cutoff}`;
  for (const { shop_id: shopId } of shops) {
    const sent = await noticeForShop(deps, shopId, now, cutoff);
    if (sent === null) continue;
    summary.shops += 1;
    summary.requests += sent.requests;
    summary.emails += sent.outcome === "emailed" ? 1 : 0;
    summary.failed += sent.outcome === "failed" ? 1 : 0;
  }
  return summary;
}

async function noticeForShop(
  deps: NoticeDeps,
  shopId: number,
  now: Date,
  cutoff: Date,
): Promise<{ requests: number; outcome: "emailed" | "no-recipient" | "failed" } | null> {
  const { prisma } = deps;
  const shop = await prisma.shop.findUnique({ where: { id: shopId }, select: { domain: true } });
  if (!shop) return null;
  // The claim: only one run gets a given request back from this UPDATE.
  const claimed = await prisma.$queryRaw<Claimed[]>`
    UPDATE data_request SET notified_at = ${now}
    WHERE shop_id = ${shopId} AND notified_at IS NULL AND created_at > ${cutoff}
    RETURNING id, email, created_at`;
  if (claimed.length === 0) return null;
  // The digest's recipients, even with the digest switched off: this is a duty, not a report. Those
  // who unsubscribed asked for no mail from the app and get none.
  const { recipients } = await digestRecipients(prisma, shopId);
  if (recipients.length === 0) {
    log.info("data request notice: no recipient; the Privacy page lists the request", {
      shopId,
      requests: claimed.length,
    });
    return { requests: claimed.length, outcome: "no-recipient" };
  }
  const message = renderNotice(shop.domain, deps.config.apiKey, claimed);
  try {
    const transport = deps.transport ?? smtpTransport(deps.config.smtpUrl!);
    await transport.sendMail({
      from: deps.config.from,
      to: recipients,
      subject: message.subject,
      text: message.text,
      html: message.html,
      messageId: noticeMessageId(deps.config.from, shopId, claimed),
      headers: { "Auto-Submitted": "auto-generated" },
    });
  } catch (error) {
    // Refused for sure: give the requests back to the next run. Otherwise it may have gone out, and a
    // second copy is worse than none (the page still lists the request).
    if (definitelyNotSent(error)) {
      await prisma.$executeRaw`
        UPDATE data_request SET notified_at = NULL
        WHERE shop_id = ${shopId} AND notified_at = ${now} AND id = ANY(${claimed.map((row) => row.id)}::bigint[])`;
    }
    log.error("data request notice not sent", {
      shopId,
      requests: claimed.length,
      retried: definitelyNotSent(error),
      error,
    });
    return { requests: claimed.length, outcome: "failed" };
  }
  log.info("data request notice sent", { shopId, requests: claimed.length, recipients: recipients.length });
  return { requests: claimed.length, outcome: "emailed" };
}

function noticeMessageId(from: string, shopId: number, claimed: readonly Claimed[]): string {
  const ids = claimed
    .map((row) => row.id.toString())
    .sort()
    .join(",");
  const digest = crypto.createHash("sha256").update(ids).digest("hex").slice(0, 16);
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? "pulse-kpi.invalid";
  return `<data-request.${shopId}.${digest}@${domain}>`;
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );

const day = (date: Date) => date.toISOString().slice(0, 10);

export function renderNotice(shopDomain: string, apiKey: string, requests: readonly Claimed[]) {
  const url = privacyPageUrl(shopDomain, apiKey);
  const count = requests.length;
  const subject = count === 1 ? "A customer requested their data" : `${count} customers requested their data`;
  const lines = requests.map((request) => {
    const who = maskEmail(request.email);
    return `A customer${who ? ` (${who})` : ""} requested their data on ${day(request.created_at)}; hand it over by ${day(dataRequestExpiresAt(request.created_at))}.`;
  });
  const intro = `Through Shopify, ${count === 1 ? "a customer" : `${count} customers`} of ${shopDomain} asked for the data Pulse KPI holds about them.`;
  const duty = `Shopify expects you to give each customer their data within 30 days. Download it from the Privacy page of Pulse KPI, send it to the customer, then mark the request handled.`;
  const expiry = `The app deletes its copy ${DATA_REQUEST_RETENTION_DAYS} days after the request.`;
  const text = [intro, "", ...lines, "", duty, expiry, "", `Open the Privacy page: ${url}`, ""].join("\n");
  const html = `<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">
<p>${escapeHtml(intro)}</p>
<ul>${lines.map((line) => `<li>${escapeHtml(line)}</li>`).join("")}</ul>
<p>${escapeHtml(duty)} ${escapeHtml(expiry)}</p>
<p><a href="${escapeHtml(url)}">Open the Privacy page</a></p>
</body></html>`;
  return { subject, text, html };
}
