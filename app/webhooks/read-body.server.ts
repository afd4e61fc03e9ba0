import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingDelivery } from "./delivery";

export type SignedBody =
  | { kind: "verified"; body: Buffer }
  | { kind: "bad-signature" }
  | { kind: "too-large" }
  /** The bytes of unverified bodies held at once would pass the intake budget. */
  | { kind: "busy" }
  | { kind: "too-slow" }
  /** The sender went away before the body's end. */
  | { kind: "aborted" };

export interface ReadSignedBodyOptions {
  secret: string;
  /** The body's base64 HMAC-SHA256 as X-Shopify-Hmac-Sha256 gives it. */
  signature: string;
  maxBytes: number;
  budget: IntakeBudget;
  /** Shopify sends the whole body at once; a body still arriving after this is not Shopify's. */
  deadlineMs: number;
}

/**
 * Reads the body once, hashing each chunk as it arrives, and hands it over only if Shopify signed it.
 * At most `maxBytes` of it is held, and only within the process-wide budget for unverified bodies:
 * many concurrent bodies that nobody signed cannot take the process's memory. The body is never
 * cancelled (that would destroy the socket under the answer); the caller answers with
 * `Connection: close` instead.
 */
export async function readSignedBody(
  delivery: IncomingDelivery,
  options: ReadSignedBodyOptions,
): Promise<SignedBody> {
  const declared = declaredLength(delivery.header("content-length"));
  if (declared !== null && declared > options.maxBytes) return { kind: "too-large" };
  // Reserve what the body says it holds (or the limit) before reading a byte, so concurrent bodies
  // either fit together or are turned away whole, none half-read.
  const reserved = declared ?? options.maxBytes;
  if (!options.budget.reserve(reserved)) return { kind: "busy" };
  let timer: NodeJS.Timeout | undefined;
  try {
    const hmac = createHmac("sha256", options.secret);
    const chunks: Uint8Array[] = [];
    let size = 0;
    const deadline = new Promise<"too-slow">((resolve) => {
      timer = setTimeout(() => resolve("too-slow"), options.deadlineMs);
    });
    for (;;) {
      const next = await Promise.race([delivery.nextChunk(), deadline]).catch(() => "aborted" as const);
      if (next === "aborted") return { kind: "aborted" };
      if (next === "too-slow") return { kind: "too-slow" };
      if (next.done) break;
      size += next.value.byteLength;
      if (size > options.maxBytes || size > reserved) return { kind: "too-large" };
      hmac.update(next.value);
      chunks.push(next.value);
    }
    if (!signatureMatches(hmac.digest("base64"), options.signature)) return { kind: "bad-signature" };
    return { kind: "verified", body: Buffer.concat(chunks, size) };
  } finally {
    clearTimeout(timer);
    options.budget.release(reserved);
  }
}

function declaredLength(header: string | null): number | null {
  if (header === null || !/^\d+$/.test(header)) return null;
  return Number(header);
}

function signatureMatches(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  // The length of a base64 SHA-256 digest is public; only the content is compared in constant time.
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Bytes of unverified webhook bodies the process holds at once, across all requests. */
export class IntakeBudget {
  private used = 0;
  constructor(readonly capacity: number) {}

  reserve(bytes: number): boolean {
    if (this.used + bytes > this.capacity) return false;
    this.used += bytes;
    return true;
  }

  release(bytes: number): void {
    this.used -= bytes;
  }
}
