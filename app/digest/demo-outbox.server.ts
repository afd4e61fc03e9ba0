/**
 * The demo's mail server: a local SMTP server (smtp-server) that writes every message it accepts to
 * <dir>/<time>-<message id>.eml and prints where, so the demo needs no real mail service.
 */
import fs from "node:fs";
import path from "node:path";
import { SMTPServer } from "smtp-server";

export interface DemoOutbox {
  /** smtp://127.0.0.1:<port>, for SMTP_URL. */
  readonly url: string;
  close(): Promise<void>;
}

export interface DemoOutboxOptions {
  readonly dir: string;
  readonly port?: number;
  /** Called with each written file (default: print it). */
  readonly onMessage?: (file: string) => void;
}

function messageIdOf(raw: Buffer): string | null {
  const headers = raw.subarray(0, raw.indexOf("\r\n\r\n") >>> 0).toString("utf8");
  return /^message-id:\s*<([^>]+)>/im.exec(headers)?.[1] ?? null;
}

export async function startDemoOutbox(options: DemoOutboxOptions): Promise<DemoOutbox> {
  fs.mkdirSync(options.dir, { recursive: true });
  const report = options.onMessage ?? ((file: string) => console.log(`digest written to ${file}`));
  const server = new SMTPServer({
    // Loopback only, plain text: STARTTLS would need a certificate the demo does not have.
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks);
        const id = (messageIdOf(raw) ?? `message-${Date.now()}`).replace(/[^A-Za-z0-9._-]+/g, "_");
        const file = path.join(options.dir, `${new Date().toISOString().replace(/[:.]/g, "-")}-${id}.eml`);
        fs.writeFileSync(file, raw);
        report(file);
        callback();
      });
      stream.on("error", callback);
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const address = server.server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
