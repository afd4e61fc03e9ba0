import type { IncomingMessage } from "node:http";

/**
 * A webhook request as the intake reads it, whichever server took it: the express app answers
 * `POST /webhooks` itself (the hot path, decision 0029), and the Remix route answers it under
 * `remix vite:dev`. Header names are lower-case.
 */
export interface IncomingDelivery {
  header(name: string): string | null;
  /**
   * The body's next chunk. Never cancels the body: cancelling would destroy the socket under the
   * answer, so an unread rest is left to `Connection: close`.
   */
  nextChunk(): Promise<IteratorResult<Uint8Array>>;
}

export interface DeliveryAnswer {
  status: number;
  text?: string;
  headers?: Record<string, string>;
}

export function deliveryFromRequest(request: Request): IncomingDelivery {
  const reader = request.body?.getReader();
  return {
    header: (name) => request.headers.get(name),
    nextChunk: async () => {
      if (!reader) return { done: true, value: undefined };
      const next = await reader.read();
      return next.done ? { done: true, value: undefined } : { done: false, value: next.value };
    },
  };
}

export function deliveryFromNode(request: IncomingMessage): IncomingDelivery {
  const chunks = request[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  return {
    header: (name) => {
      const value = request.headers[name];
      return Array.isArray(value) ? value.join(", ") : (value ?? null);
    },
    nextChunk: () => chunks.next(),
  };
}

export function answerAsResponse(answer: DeliveryAnswer): Response {
  return new Response(answer.text ?? null, { status: answer.status, headers: answer.headers });
}
