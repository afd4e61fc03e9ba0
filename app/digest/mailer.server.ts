/** SMTP sending with nodemailer (one transport per URL) and the digest's message and headers. */
import crypto from "node:crypto";
import nodemailer from "nodemailer";
import type { SendMailOptions, Transporter } from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import type { InlineImage, RenderedDigest } from "./render-digest.server";

/** What sending needs from a transport (tests and the demo pass their own). */
export interface DigestTransport {
  sendMail(options: SendMailOptions): Promise<{ messageId: string }>;
}

const transports = new Map<string, Transporter>();

/**
 * Timeouts well below the delivery lease (delivery.server.ts), so a hung SMTP server fails the attempt
 * before another worker could consider it dead.
 */
export function smtpTransport(url: string): DigestTransport {
  let transport = transports.get(url);
  if (!transport) {
    const options: SMTPTransport.Options = {
      url,
      connectionTimeout: 30_000,
      greetingTimeout: 30_000,
      socketTimeout: 60_000,
    };
    transport = nodemailer.createTransport(options);
    transports.set(url, transport);
  }
  return transport as DigestTransport;
}

/** The domain of the From address, for Message-IDs (RFC 5322 wants a domain the sender controls). */
function senderDomain(from: string): string {
  return /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? "pulse-kpi.invalid";
}

/** Deterministic per shop, week and recipient: a resend by hand would carry the same id (clients fold duplicates). */
export function digestMessageId(from: string, shopId: number, isoWeek: string, recipient: string): string {
  const who = crypto.createHash("sha256").update(recipient).digest("hex").slice(0, 16);
  return `<digest.${shopId}.${isoWeek}.${who}@${senderDomain(from)}>`;
}

export interface DigestEnvelope {
  readonly from: string;
  readonly to: string;
  /** Null: nodemailer makes a fresh one (test copies are not the week's digest). */
  readonly messageId: string | null;
  readonly unsubscribeUrl: string | null;
}

export function digestMailOptions(
  envelope: DigestEnvelope,
  message: RenderedDigest,
  images: readonly InlineImage[],
): SendMailOptions {
  const headers: Record<string, string> = { "Auto-Submitted": "auto-generated" };
  if (envelope.unsubscribeUrl) {
    // RFC 8058: a POST of "List-Unsubscribe=One-Click" to this URL unsubscribes, no confirmation page.
    headers["List-Unsubscribe"] = `<${envelope.unsubscribeUrl}>`;
    headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click";
  }
  return {
    from: envelope.from,
    to: envelope.to,
    subject: message.subject,
    html: message.html,
    text: message.text,
    ...(envelope.messageId ? { messageId: envelope.messageId } : {}),
    headers,
    attachments: images.map((image) => ({
      filename: image.filename,
      content: image.content,
      contentType: "image/png",
      cid: image.cid,
      contentDisposition: "inline" as const,
    })),
  };
}

const DEFINITE_CODES = new Set(["ECONNECTION", "EDNS", "EAUTH", "ETLS", "EENVELOPE", "ECONFIG"]);

/**
 * True when the error proves the message was not accepted: the server answered with a refusal, or the
 * failure came before any message data left. A timeout or a dropped connection during DATA proves
 * nothing (the server may have queued it), so it is treated as possibly delivered.
 */
export function definitelyNotSent(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { responseCode, code, command } = error as {
    responseCode?: unknown;
    code?: unknown;
    command?: unknown;
  };
  if (typeof responseCode === "number" && responseCode >= 400) return true;
  if (typeof code === "string" && DEFINITE_CODES.has(code)) return true;
  return command === "CONN";
}
