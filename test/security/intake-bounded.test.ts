import http from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildWebhookHeaders } from "../../fake-shopify";
import { SHOP, simpleOrder } from "../support/shop-events";
import { TEST_API_SECRET } from "../support/web-app";
import { startIntake, type IntakeHarness } from "./support/intake";

const MAX_BYTES = 16_384;
// Room for three largest bodies at once.
const BUDGET_BYTES = 3 * MAX_BYTES;

interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
}

/**
 * POSTs with node:http, so the test controls framing (Content-Length or chunked) and can stop
 * half-way. Resolves with the answer even when the server answers before the body is sent.
 */
function post(
  url: string,
  headers: Record<string, string>,
  body: Buffer,
  options: { stallAfter?: number } = {},
) {
  const request = http.request(url, { method: "POST", headers, agent: false });
  const answer = new Promise<RawAnswer>((resolve, reject) => {
    request.on("response", (response) => {
      response.resume();
      resolve({ status: response.statusCode!, headers: response.headers });
    });
    request.on("error", reject);
  });
  answer.catch(() => {});
  if (options.stallAfter === undefined) request.end(body);
  else request.write(body.subarray(0, options.stallAfter));
  return { request, answer };
}

function signedHeaders(rawBody: Buffer, framing: "length" | "chunked") {
  const { headers } = buildWebhookHeaders({
    topic: "orders/create",
    shopDomain: SHOP,
    rawBody,
    secret: TEST_API_SECRET,
  });
  return framing === "length"
    ? { ...headers, "Content-Length": String(rawBody.byteLength) }
    : { ...headers, "Transfer-Encoding": "chunked" };
}

describe("intake: bounded before verification", () => {
  let h: IntakeHarness;
  let url: string;
  beforeAll(async () => {
    h = await startIntake({
      WEBHOOK_MAX_BYTES: String(MAX_BYTES),
      WEBHOOK_INTAKE_BUFFER_BYTES: String(BUDGET_BYTES),
    });
    url = `${h.web.url}/webhooks`;
  });
  afterAll(() => h.close());

  const oversized = () => Buffer.from(JSON.stringify({ ...simpleOrder(9001), note: "x".repeat(MAX_BYTES) }));

  it.each(["length", "chunked"] as const)(
    "answers a validly signed body above WEBHOOK_MAX_BYTES (%s framing) with 413 and Connection: close, storing nothing",
    async (framing) => {
      const body = oversized();
      const { answer } = post(url, signedHeaders(body, framing), body);
      const { status, headers } = await answer;
      expect(status).toBe(413);
      expect(headers.connection).toBe("close");
      expect(await h.database.prisma.webhookEvent.count()).toBe(0);
    },
  );

  it("turns deliveries away with 503 while unverified bodies fill the budget, and accepts them again once those end", async () => {
    const genuine = () => Buffer.from(JSON.stringify(simpleOrder(9100 + Math.floor(Math.random() * 1000))));
    const largest = Buffer.alloc(MAX_BYTES, "x");
    // Three connections that declare the largest body, send half of it and stop.
    const stalled = Array.from({ length: 3 }, () =>
      post(url, signedHeaders(largest, "length"), largest, { stallAfter: MAX_BYTES / 2 }),
    );

    let busy: RawAnswer | undefined;
    for (let attempt = 0; attempt < 100 && !busy; attempt++) {
      const body = genuine();
      const answer = await post(url, signedHeaders(body, "length"), body).answer;
      if (answer.status === 503) busy = answer;
      else await sleep(20);
    }
    expect(busy?.headers).toMatchObject({ connection: "close", "retry-after": "5" });

    for (const { request } of stalled) request.destroy();
    let accepted = false;
    for (let attempt = 0; attempt < 100 && !accepted; attempt++) {
      const body = genuine();
      accepted = (await post(url, signedHeaders(body, "length"), body).answer).status === 200;
      if (!accepted) await sleep(20);
    }
    expect(accepted).toBe(true);
  });
});
