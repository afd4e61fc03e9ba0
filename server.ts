import path from "node:path";
import { prepareDatabase } from "~/db/bootstrap.server";
import { loadEnvOrExit } from "~/env.server";
import { markStopping } from "~/health/readiness.server";
import { log, logFatalErrors } from "~/logger.server";
import { createWebApp } from "~/web-app.server";

/** The web process: `npm start` (after `npm run build`). Stateless; run several behind a load balancer. */
async function main() {
  logFatalErrors();
  const config = loadEnvOrExit();
  const database = await prepareDatabase(config, (line) => log.info(line));
  const app = await createWebApp(path.resolve(import.meta.dirname, "build"), config.NODE_ENV);

  const server = app.listen(config.PORT, () => {
    log.info("web listening", {
      url: `http://localhost:${config.PORT}`,
      queueBackend: config.REDIS_CLUSTER_NODES ? "redis-cluster" : config.REDIS_URL ? "redis" : "postgres",
    });
  });
  server.on("error", (error: NodeJS.ErrnoException) => {
    log.error(
      error.code === "EADDRINUSE"
        ? `port ${config.PORT} is already in use (set PORT to another one)`
        : "web server error",
      {
        error,
      },
    );
    process.exit(1);
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    markStopping();
    log.info("web stopping", { signal, graceMs: config.SHUTDOWN_GRACE_MS });
    // Stop accepting, let the requests in flight finish (idle keep-alive connections close now and
    // answers close theirs), then release the pools. Past the deadline, cut what is left.
    const deadline = setTimeout(() => server.closeAllConnections(), config.SHUTDOWN_GRACE_MS);
    server.close(async () => {
      clearTimeout(deadline);
      await globalThis.__pulseQueues?.close();
      const { disconnectDb } = await import("~/db.server");
      await disconnectDb();
      await database.stop();
      log.info("web stopped", { signal });
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

main().catch((error: unknown) => {
  log.error("web failed to start", { error });
  process.exit(1);
});
