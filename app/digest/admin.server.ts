/** The admin page's server side: preview this week's digest, and send a test copy to one address. */
import type { PrismaClient } from "@prisma/client";
import { z } from "zod";
import { db } from "../db.server";
import type { DigestConfig } from "./digest-config.server";
import { digestConfigFromEnv } from "./digest-config.server";
import { loadDigest } from "./digest-data.server";
import { digestFormat } from "./format";
import type { DigestTransport } from "./mailer.server";
import { digestMailOptions, smtpTransport } from "./mailer.server";
import type { InlineImage } from "./render-digest.server";
import { digestCharts, renderDigest } from "./render-digest.server";
import { shopLocale } from "./shop-locale.server";

export interface DigestAdminDeps {
  readonly prisma?: PrismaClient;
  readonly config?: DigestConfig;
  readonly transport?: DigestTransport;
  readonly now?: Date;
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
  const { content, ready } = await loadDigest(prisma, shopId, deps.now ?? new Date(), config.apiKey);
  const format = digestFormat(await shopLocale(prisma, content.shop.domain), content.shop.currency);
  const message = await renderDigest(content, format, null);
  return { prisma, config, content, ready, message, images: digestCharts(content) };
}

function inlineImages(html: string, images: readonly InlineImage[]): string {
  return images.reduce((out, image) => out.split(`cid:${image.cid}`).join(`data:image/png;base64,${image.content.toString("base64")}`), html);
}

/** The digest of the last complete week as it would be sent now (without an unsubscribe link). */
export async function previewDigest(shopId: number, deps: DigestAdminDeps = {}): Promise<DigestPreview> {
  const { content, ready, message, images } = await build(shopId, deps);
  return { isoWeek: content.week.label, subject: message.subject, html: inlineImages(message.html, images), text: message.text, ready };
}

export const testRecipientSchema = z.string().trim().toLowerCase().pipe(z.email({ error: "Enter a valid email address" }));

export type TestSendResult = { ok: true; to: string; messageId: string } | { ok: false; error: string };

/** Sends this week's digest to one address now; it is not recorded as the week's delivery. */
export async function sendTestDigest(shopId: number, toEmail: string, deps: DigestAdminDeps = {}): Promise<TestSendResult> {
  const to = testRecipientSchema.safeParse(toEmail);
  if (!to.success) return { ok: false, error: to.error.issues[0]?.message ?? "Enter a valid email address" };
  const { config, message, images } = await build(shopId, deps);
  const transport = deps.transport ?? (config.smtpUrl ? smtpTransport(config.smtpUrl) : null);
  if (!transport) return { ok: false, error: "Email is not configured on this server (SMTP_URL is not set)" };
  const test = { ...message, subject: `[Test] ${message.subject}` };
  const info = await transport.sendMail(digestMailOptions({ from: config.from, to: to.data, messageId: null, unsubscribeUrl: null }, test, images));
  return { ok: true, to: to.data, messageId: info.messageId };
}
