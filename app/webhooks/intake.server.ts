import type { IncomingMessage, ServerResponse } from "node:http";
import { db, intakePool } from "~/db.server";
import { env } from "~/env.server";
import { queues } from "~/jobs/producer.server";
import { log } from "~/logger.server";
import { observeWebhookAck } from "~/metrics/webhook-ack.server";
import { deliveryFromNode, type DeliveryAnswer, type IncomingDelivery } from "./delivery";
import { IngestHandoff } from "./ingest-handoff.server";
import { InboxWriter } from "./inbox-writer.server";
import { IntakeBudget } from "./read-body.server";
import { receiveWebhook } from "./receive.server";

let budget: IntakeBudget | undefined;
const inbox = new InboxWriter(intakePool);
const handoff = new IngestHandoff({
  // Off the request path, so a slow queue may take its time; a batch given up on waits for the sweeper.
  enqueue: (jobs) => queues().enqueueIngestBulk(jobs, 15_000),
  markEnqueued: (jobs) => inbox.markEnqueued(jobs),
});

/** Every topic in shopify.app.toml is delivered to `POST /webhooks`; this answers it, timed. */
export async function receiveDelivery(delivery: IncomingDelivery): Promise<DeliveryAnswer> {
  const started = performance.now();
  let status = 500;
  try {
    const config = env();
    budget ??= new IntakeBudget(config.WEBHOOK_INTAKE_BUFFER_BYTES);
    const answer = await receiveWebhook(delivery, {
      prisma: db(),
      inbox,
      secret: config.SHOPIFY_API_SECRET,
      enqueueIngest: (job) => handoff.push(job),
      maxBytes: config.WEBHOOK_MAX_BYTES,
      budget,
    });
    status = answer.status;
    return answer;
  } finally {
    observeWebhookAck(delivery.header("x-shopify-topic"), status, performance.now() - started);
  }
}

/**
 * The express handler of `POST /webhooks`, ahead of Remix: the intake needs neither route matching
 * nor a Fetch Request, which had been most of its CPU per delivery (decision 0029).
 */
export function webhookEndpoint(request: IncomingMessage, response: ServerResponse): void {
  receiveDelivery(deliveryFromNode(request))
    .catch((error: unknown): DeliveryAnswer => {
      // Not stored, so not acknowledged: Shopify delivers it again.
      log.error("webhook intake failed", { error });
      return { status: 500, text: "the webhook could not be received" };
    })
    .then((answer) => {
      const type = answer.text === undefined ? {} : { "Content-Type": "text/plain; charset=utf-8" };
      response.writeHead(answer.status, { ...type, ...answer.headers });
      response.end(answer.text);
    });
}
