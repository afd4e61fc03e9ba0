import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";

/** The HTTP app of the web process: static assets, a health check, and the Remix build. */
export async function createWebApp(buildDir: string, mode: string) {
  const build = (await import(path.join(buildDir, "server/index.js"))) as ServerBuild;
  const app = express();
  app.disable("x-powered-by");
  app.use("/assets", express.static(path.join(buildDir, "client/assets"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(buildDir, "client"), { maxAge: "1h" }));
  app.get("/healthz", (_req, res) => void res.send("ok"));
  app.all("*", createRequestHandler({ build, mode }));
  return app;
}
