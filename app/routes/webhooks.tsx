import type { ActionFunctionArgs } from "@remix-run/node";
import { db } from "../db.server";
import { env } from "../env.server";
import { authenticate } from "../shopify.server";
import { receiveWebhook } from "../webhooks/receive.server";
import { queues } from "../../workers/queues.server";

// Every topic in shopify.app.toml is delivered here.
export const action = async ({ request }: ActionFunctionArgs) =>
  receiveWebhook(request, {
    prisma: db(),
    authenticate: authenticate.webhook,
    enqueueIngest: (job) => queues().enqueueIngest(job),
    maxBytes: env().WEBHOOK_MAX_BYTES,
  });

// Shopify only POSTs; anything else is a client mistake worth a precise answer.
export const loader = () => new Response("Method Not Allowed", { status: 405, headers: { Allow: "POST" } });
