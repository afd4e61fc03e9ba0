import type { ActionFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { env } from "~/env.server";
import { queues } from "~/jobs/producer.server";
import { timedWebhookAck } from "~/metrics/webhook-ack.server";
import { IntakeBudget } from "~/webhooks/read-body.server";
import { receiveWebhook } from "~/webhooks/receive.server";

let budget: IntakeBudget | undefined;

// Every topic in shopify.app.toml is delivered here.
export const action = timedWebhookAck(async ({ request }: ActionFunctionArgs) => {
  const config = env();
  budget ??= new IntakeBudget(config.WEBHOOK_INTAKE_BUFFER_BYTES);
  return receiveWebhook(request, {
    prisma: db(),
    secret: config.SHOPIFY_API_SECRET,
    enqueueIngest: (job) => queues().enqueueIngest(job),
    maxBytes: config.WEBHOOK_MAX_BYTES,
    budget,
  });
});

// Shopify only POSTs; anything else is a client mistake worth a precise answer.
export const loader = () => new Response("Method Not Allowed", { status: 405, headers: { Allow: "POST" } });
