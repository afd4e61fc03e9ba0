/**
 * Sends a shop's digest of the last complete ISO week, at most once per shop and week whatever the
 * schedulers, retries and crashes do (the DigestDelivery row is claimed first; see delivery.server.ts).
 */
import type { DigestDelivery, PrismaClient } from "@prisma/client";
import { log } from "~/logger.server";
import type { DigestConfig } from "./digest-config.server";
import { loadDigest } from "./digest-data.server";
import {
  beginSending,
  claimDelivery,
  recordFailed,
  recordFinished,
  recordInDoubt,
  recordSent,
  recordSkipped,
} from "./delivery.server";
import { digestFormat } from "./format";
import type { DigestTransport } from "./mailer.server";
import { definitelyNotSent, digestMailOptions, digestMessageId, smtpTransport } from "./mailer.server";
import { digestRecipients } from "./recipients.server";
import { digestCharts, renderDigest } from "./render-digest.server";
import { translatorFor } from "~/i18n/catalog.server";
import { digestLanguage } from "./shop-locale.server";
import { signUnsubscribeToken, unsubscribeUrl } from "./unsubscribe-token.server";

export interface SendDigestDeps {
  readonly prisma: PrismaClient;
  readonly config: DigestConfig;
  /** Defaults to SMTP at config.smtpUrl. */
  readonly transport?: DigestTransport;
  readonly now?: () => Date;
  readonly leaseMs?: number;
}

export interface SendDigestRequest {
  readonly shopId: number;
  /** The queue job; its retries may take over its own dead attempt at once. */
  readonly jobId: string;
  /** When the digest was due: the week reported on is the last one complete at this instant. */
  readonly at: Date;
}

export type SendDigestOutcome =
  | { status: "sent"; isoWeek: string; sentTo: string[]; uncertainTo: string[] }
  | { status: "already-done"; isoWeek: string; row: DigestDelivery }
  | { status: "skipped"; isoWeek: string | null; reason: string }
  | { status: "lost-claim"; isoWeek: string };

/** Retryable: another attempt holds the week, or the KPI engine has not caught up with it yet. */
export class DigestNotYetError extends Error {
  override name = "DigestNotYetError";
}

export async function sendWeeklyDigest(
  deps: SendDigestDeps,
  request: SendDigestRequest,
): Promise<SendDigestOutcome> {
  const { prisma, config } = deps;
  const now = deps.now ?? (() => new Date());
  const shop = await prisma.shop.findUnique({
    where: { id: request.shopId },
    select: { state: true, domain: true, currency: true },
  });
  if (!shop || shop.state !== "installed")
    return { status: "skipped", isoWeek: null, reason: "shop not installed" };
  const transport = deps.transport ?? (config.smtpUrl ? smtpTransport(config.smtpUrl) : null);
  // Without SMTP nothing is claimed, so configuring it later still sends this week's digest.
  if (!transport) return { status: "skipped", isoWeek: null, reason: "SMTP_URL is not set" };

  const language = await digestLanguage(prisma, request.shopId);
  const { content, ready } = await loadDigest(
    prisma,
    request.shopId,
    request.at,
    config.apiKey,
    translatorFor(language),
  );
  const isoWeek = content.week.label;
  const result = await claimDelivery(
    prisma,
    { shopId: request.shopId, isoWeek },
    { jobId: request.jobId, now: now(), leaseMs: deps.leaseMs },
  );
  if (result.kind === "done") return { status: "already-done", isoWeek, row: result.row };
  if (result.kind === "busy")
    throw new DigestNotYetError(
      `digest ${isoWeek} of shop ${request.shopId} is being sent by another attempt`,
    );
  const { claim } = result;

  // "idle" unless an SMTP transaction has started whose outcome the row does not record yet: then the
  // row stays "sending" and the next attempt treats that recipient as possibly served.
  let phase: "idle" | "smtp" = "idle";
  try {
    if (!ready) throw new DigestNotYetError(`KPI snapshots of ${isoWeek} are not computed yet`);
    const { enabled, recipients } = await digestRecipients(prisma, request.shopId);
    const reason = !enabled
      ? "digest turned off in settings"
      : !content.hasData
        ? "no data for the week"
        : recipients.length === 0
          ? "no recipients"
          : null;
    if (reason) {
      await recordSkipped(prisma, claim, reason);
      return { status: "skipped", isoWeek, reason };
    }
    const handled = new Set([...claim.row.sentTo, ...claim.row.uncertainTo]);
    const format = digestFormat(language, shop.currency);
    const images = digestCharts(content);
    for (const to of recipients.filter((r) => !handled.has(r))) {
      const link = unsubscribeUrl(
        config.appUrl,
        signUnsubscribeToken(config.apiSecret, request.shopId, to, now()),
      );
      const message = await renderDigest(content, format, link);
      const messageId = digestMessageId(config.from, request.shopId, isoWeek, to);
      if (!(await beginSending(prisma, claim, to, messageId, now(), deps.leaseMs)))
        return { status: "lost-claim", isoWeek };
      phase = "smtp";
      try {
        await transport.sendMail(
          digestMailOptions({ from: config.from, to, messageId, unsubscribeUrl: link }, message, images),
        );
      } catch (error) {
        if (definitelyNotSent(error)) await recordFailed(prisma, claim, errorText(error));
        else await recordInDoubt(prisma, claim, to, errorText(error));
        throw error;
      }
      // A crash before this update leaves the row "sending" (see above).
      await recordSent(prisma, claim, to);
      phase = "idle";
    }
    await recordFinished(prisma, claim, now());
    const row = await prisma.digestDelivery.findUniqueOrThrow({
      where: { shopId_isoWeek: { shopId: request.shopId, isoWeek } },
    });
    log.info("digest sent", {
      shopId: request.shopId,
      isoWeek,
      recipients: row.sentTo.length,
      uncertain: row.uncertainTo.length,
    });
    return { status: "sent", isoWeek, sentTo: row.sentTo, uncertainTo: row.uncertainTo };
  } catch (error) {
    if (phase === "idle") await recordFailed(prisma, claim, errorText(error));
    throw error;
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
