import type { AddressInfo } from "node:net";
import { createWebApp } from "~/web-app.server";
import { BUILD_DIR } from "../../scripts/lib/remix-build";

export const TEST_API_KEY = "test-api-key";
export const TEST_API_SECRET = "test-api-secret";

export interface TestWebApp {
  url: string;
  close(): Promise<void>;
}

/**
 * The real web process's HTTP app (express + the Remix build) on a free local port. The app's
 * singletons read process.env on first use, so this sets it first; one app per test file.
 */
export async function startTestWebApp(env: {
  databaseUrl: string;
  redisUrl?: string | null;
  extra?: Record<string, string>;
}): Promise<TestWebApp> {
  Object.assign(process.env, {
    NODE_ENV: "test",
    SHOPIFY_API_KEY: TEST_API_KEY,
    SHOPIFY_API_SECRET: TEST_API_SECRET,
    SHOPIFY_APP_URL: "http://localhost:3000",
    DATABASE_URL: env.databaseUrl,
    LOG_LEVEL: "error",
    ...env.extra,
  });
  if (env.redisUrl) process.env.REDIS_URL = env.redisUrl;
  else delete process.env.REDIS_URL;

  const app = await createWebApp(BUILD_DIR, "production");
  const server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await globalThis.__pulseQueues?.close();
      globalThis.__pulseQueues = undefined;
    },
  };
}
