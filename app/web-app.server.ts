import { createHash, timingSafeEqual } from "node:crypto";
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { env } from "~/env.server";
import { opsEndpoint } from "~/health/endpoints.server";
import { requestIdOf } from "~/health/request-id.server";
import { withLogContext } from "~/logger.server";
import { startProcessMetrics } from "~/metrics/registry.server";
import { webhookEndpoint } from "~/webhooks/intake.server";

/** The HTTP app of the web process: static assets, operations endpoints, the webhook intake, and the Remix build. */
export async function createWebApp(buildDir: string, mode: string) {
  const build = (await import(path.join(buildDir, "server/index.js"))) as ServerBuild;
  startProcessMetrics("web");
  const app = express();
  app.disable("x-powered-by");
  // Every log line written for a request carries its id; the answer names it for support tickets.
  app.use((req, res, next) => {
    const requestId = requestIdOf(req.headers["x-request-id"]);
    res.setHeader("X-Request-Id", requestId);
    withLogContext({ requestId }, next);
  });
  app.use("/assets", express.static(path.join(buildDir, "client/assets"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(buildDir, "client"), { maxAge: "1h" }));
  app.get(["/healthz", "/readyz", "/metrics"], (req, res, next) => {
    if (req.path === "/metrics" && !metricsAllowed(req.headers.authorization)) {
      res.status(401).set("WWW-Authenticate", "Bearer").send("metrics need the METRICS_TOKEN bearer token");
      return;
    }
    opsEndpoint(req.path).then((answer) => {
      if (!answer) return next();
      res.status(answer.status).type(answer.contentType).set("Cache-Control", "no-store").send(answer.body);
    }, next);
  });
  app.post("/webhooks", webhookEndpoint);
  app.all("*", createRequestHandler({ build, mode }));
  return app;
}

/** /metrics is open unless METRICS_TOKEN is set (the web port is public; the worker's is not). */
function metricsAllowed(authorization: string | undefined): boolean {
  const token = env().METRICS_TOKEN;
  if (token === undefined) return true;
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(authorization ?? ""), digest(`Bearer ${token}`));
}
