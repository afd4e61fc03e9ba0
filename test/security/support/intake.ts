import { applyWebhookEvent } from "~/sync/events/apply-event.server";
import { sendWebhook, type SendWebhookOptions } from "../../../fake-shopify";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import { startTestWebApp, TEST_API_SECRET, type TestWebApp } from "../../support/web-app";

type SendOptions = Omit<SendWebhookOptions, "url" | "secret">;

export interface IntakeHarness {
  database: TestDatabase;
  web: TestWebApp;
  /** A delivery signed with the app's secret, as Shopify (or someone resending Shopify's bytes) sends it. */
  send(options: SendOptions): ReturnType<typeof sendWebhook>;
  /** Runs every stored, unprocessed event of the shop, as the ingest worker would. */
  drain(domain: string): Promise<void>;
  close(): Promise<void>;
}

/** The real web process on its own database; the worker's step is run in-process by `drain`. */
export async function startIntake(extraEnv: Record<string, string> = {}): Promise<IntakeHarness> {
  const database = await createTestDatabase();
  const web = await startTestWebApp({ databaseUrl: database.url, extra: extraEnv });
  return {
    database,
    web,
    send: (options) =>
      sendWebhook({ url: `${web.url}/webhooks`, secret: TEST_API_SECRET, ...options } as SendWebhookOptions),
    async drain(domain) {
      const events = await database.prisma.webhookEvent.findMany({
        where: { shop: { domain }, status: "received" },
        orderBy: { receivedAt: "asc" },
      });
      for (const event of events) await applyWebhookEvent(database.prisma, event.shopId, event.webhookId);
    },
    async close() {
      await web.close();
      await database.drop();
    },
  };
}
