import { PAYLOAD_SCHEMAS } from "~/webhooks/payload-schemas";
import { metrics } from "./registry.server";

/**
 * The webhook action, timed: how long each delivery took to be answered, by topic and status. The topic
 * header is the sender's: topics the app does not subscribe to count as "other", so a forged header
 * cannot add series.
 */
export function timedWebhookAck<Args extends { request: Request }>(
  action: (args: Args) => Promise<Response>,
): (args: Args) => Promise<Response> {
  return async (args) => {
    const started = performance.now();
    let status = 500;
    try {
      const response = await action(args);
      status = response.status;
      return response;
    } catch (error) {
      if (error instanceof Response) status = error.status;
      throw error;
    } finally {
      const topic = args.request.headers.get("x-shopify-topic") ?? "";
      metrics().webhookAck.observe(
        { topic: Object.hasOwn(PAYLOAD_SCHEMAS, topic) ? topic : "other", status: String(status) },
        (performance.now() - started) / 1000,
      );
    }
  };
}
