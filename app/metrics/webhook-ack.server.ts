import { PAYLOAD_SCHEMAS } from "~/webhooks/payload-schemas";
import { metrics } from "./registry.server";

/**
 * How long a webhook delivery took to be answered, by topic and status. The topic header is the
 * sender's: topics the app does not subscribe to count as "other", so a forged header cannot add series.
 */
export function observeWebhookAck(topic: string | null, status: number, milliseconds: number): void {
  metrics().webhookAck.observe(
    {
      topic: topic !== null && Object.hasOwn(PAYLOAD_SCHEMAS, topic) ? topic : "other",
      status: String(status),
    },
    milliseconds / 1000,
  );
}
