/** A real SMTP server (smtp-server) on a free loopback port that keeps every message it accepts. */
import type { AddressInfo } from "node:net";
import type { ParsedMail } from "mailparser";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface SmtpSink {
  readonly url: string;
  readonly messages: Buffer[];
  parsed(): Promise<ParsedMail[]>;
  /** Refuse the next n messages with this SMTP reply code (after reading them). */
  refuseNext(n: number, responseCode?: number): void;
  /** Runs after a message is read and stored, before the server answers 250. */
  beforeAccept: ((raw: Buffer) => void | Promise<void>) | null;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: Buffer[] = [];
  let refusals: { left: number; code: number } = { left: 0, code: 451 };
  const sink: SmtpSink = {
    url: "",
    messages,
    // keepCidLinks: check the HTML's own cid: references rather than mailparser's data: rewrite.
    parsed: () => Promise.all(messages.map((raw) => simpleParser(raw, { keepCidLinks: true }))),
    refuseNext(n, responseCode = 451) {
      refusals = { left: n, code: responseCode };
    },
    beforeAccept: null,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        if (refusals.left > 0) {
          refusals.left -= 1;
          callback(Object.assign(new Error("Try again later"), { responseCode: refusals.code }));
          return;
        }
        const raw = Buffer.concat(chunks);
        messages.push(raw);
        void Promise.resolve(sink.beforeAccept?.(raw)).then(() => callback());
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  return Object.assign(sink, { url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}` });
}
