import type { ActionFunctionArgs } from "@remix-run/node";
import { answerAsResponse, deliveryFromRequest } from "~/webhooks/delivery";
import { receiveDelivery } from "~/webhooks/intake.server";

// The web process answers POST /webhooks in express before Remix (app/web-app.server.ts); this route
// answers it where Remix runs alone (`remix vite:dev`).
export const action = async ({ request }: ActionFunctionArgs) =>
  answerAsResponse(await receiveDelivery(deliveryFromRequest(request)));

// Shopify only POSTs; anything else is a client mistake worth a precise answer.
export const loader = () => new Response("Method Not Allowed", { status: 405, headers: { Allow: "POST" } });
