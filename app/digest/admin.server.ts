/** The admin page's server side: preview this week's digest, and send a test copy to one of the shop's recipients. */
import type { PrismaClient } from "@prisma/client";
import { z } from "zod";
import { db } from "~/db.server";
import { translatorFor } from "~/i18n/catalog.server";
import type { Translator } from "~/i18n/translator";
import type { DigestConfig } from "./digest-config.server";
import { digestConfigFromEnv } from "./digest-config.server";
import { loadDigest } from "./digest-data.server";
import { digestFormat } from "./format";
import type { DigestTransport } from "./mailer.server";
import { digestMailOptions, smtpTransport } from "./mailer.server";
import type { InlineImage } from "./render-digest.server";
import { digestCharts, renderDigest } from "./render-digest.server";
import { log } from "~/logger.server";
import { digestRecipients } from "./recipients.server";
import { digestLanguage } from "./shop-locale.server";
import { claimTestSend, TEST_DIGEST_LIMIT } from "./test-send-limit.server";

export interface DigestAdminDeps {
  readonly prisma?: PrismaClient;
  readonly config?: DigestConfig;
  readonly transport?: DigestTransport;
  readonly now?: Date;
  /** The admin's language, for the errors the page shows (English by default). */
  readonly i18n?: Translator;
}

export interface DigestPreview {
  readonly isoWeek: string;
  readonly subject: string;
  /** Charts inlined as data: URLs, so the HTML shows in an iframe without the email's attachments. */
  readonly html: string;
  readonly text: string;
  /** False while the KPI engine has not recomputed since the week ended (numbers may still change). */
  readonly ready: boolean;
}

async function build(shopId: number, deps: DigestAdminDeps) {
  const prisma = deps.prisma ?? db();
  const config = deps.config ?? digestConfigFromEnv();
  const language = await digestLanguage(prisma, shopId);
  const { content, ready } = await loadDigest(
    prisma,
    shopId,
    deps.now ?? new Date(),
    config.apiKey,
    translatorFor(language),
  );
  const format = digestFormat(language, content.shop.currency);
  const message = await renderDigest(content, format, null);
  return { prisma, config, content, ready, message, format, images: digestCharts(content) };
}

function inlineImages(html: string, images: readonly InlineImage[]): string {
  return images.reduce(
    (out, image) =>
      out.split(`cid:${image.cid}`).join(`data:image/png;base64,${image.content.toString("base64")}`),
    html,
  );
}

/** The digest of the last complete week as it would be sent now (without an unsubscribe link). */
export async function previewDigest(shopId: number, deps: DigestAdminDeps = {}): Promise<DigestPreview> {
  const { content, ready, message, images } = await build(shopId, deps);
  return {
    isoWeek: content.week.label,
    subject: message.subject,
    html: inlineImages(message.html, images),
    text: message.text,
    ready,
  };
}

export const testRecipientSchema = z.string().trim().toLowerCase().pipe(z.email());

export type TestSendResult = { ok: true; to: string; messageId: string } | { ok: false; error: string };

/**
 * Where a test digest may go: the shop's digest recipients (minus those who unsubscribed) and the
 * verified emails of its staff who opened the app. Any other address would make the app a mail relay.
 */
export async function testDigestAddresses(prisma: PrismaClient, shopId: number): Promise<string[]> {
  const { recipients } = await digestRecipients(prisma, shopId);
  const shop = await prisma.shop.findUnique({ where: { id: shopId }, select: { domain: true } });
  const staff = shop
    ? await prisma.session.findMany({
        where: { shop: shop.domain, emailVerified: true, email: { not: null } },
        select: { email: true },
      })
    : [];
  return [...new Set([...recipients, ...staff.map((s) => s.email!.trim().toLowerCase())])];
}

const minutesUntil = (at: Date, now: Date) => Math.max(1, Math.ceil((at.getTime() - now.getTime()) / 60_000));

/** Sends this week's digest to one of the shop's own addresses now; it is not recorded as the week's delivery. */
export async function sendTestDigest(
  shopId: number,
  toEmail: string,
  deps: DigestAdminDeps = {},
): Promise<TestSendResult> {
  const i18n = deps.i18n ?? translatorFor("en");
  const to = testRecipientSchema.safeParse(toEmail);
  if (!to.success) return { ok: false, error: i18n.t("digestAdmin.error.email") };
  const prisma = deps.prisma ?? db();
  const now = deps.now ?? new Date();
  if (!(await testDigestAddresses(prisma, shopId)).includes(to.data)) {
    log.warn("test digest refused: not one of the shop's recipients", { shopId });
    return {
      ok: false,
      error: i18n.t("digestAdmin.error.notRecipient", { email: to.data }),
    };
  }
  const config = deps.config ?? digestConfigFromEnv();
  const transport = deps.transport ?? (config.smtpUrl ? smtpTransport(config.smtpUrl) : null);
  if (!transport) return { ok: false, error: i18n.t("digestAdmin.error.noSmtp") };
  const claim = await claimTestSend(prisma, shopId, to.data, now);
  if (!claim.ok) {
    log.warn("test digest refused: hourly limit reached", { shopId, limit: TEST_DIGEST_LIMIT });
    return {
      ok: false,
      error: i18n.t("digestAdmin.error.limit", {
        limit: TEST_DIGEST_LIMIT,
        minutes: minutesUntil(claim.retryAt, now),
      }),
    };
  }
  const { message, format, images } = await build(shopId, { ...deps, prisma, config });
  const test = { ...message, subject: format.i18n.t("digest.subject.test", { subject: message.subject }) };
  try {
    const info = await transport.sendMail(
      digestMailOptions(
        { from: config.from, to: to.data, messageId: null, unsubscribeUrl: null },
        test,
        images,
      ),
    );
    return { ok: true, to: to.data, messageId: info.messageId };
  } catch (error) {
    log.error("test digest could not be sent", { shopId, error });
    return {
      ok: false,
      error: i18n.t("digestAdmin.error.mailServer"),
    };
  }
}
