import http from "node:http";
import { opsEndpoint } from "~/health/endpoints.server";
import { log } from "~/logger.server";

/**
 * The worker's small HTTP server (WORKER_HTTP_PORT): /healthz, /readyz and /metrics for orchestrator
 * probes and Prometheus. Nothing else is served; it is meant for a private network.
 */
export async function startWorkerHttp(port: number): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://worker").pathname;
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { Allow: "GET, HEAD" }).end();
      return;
    }
    opsEndpoint(path).then(
      (answer) => {
        if (!answer) res.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
        else
          res
            .writeHead(answer.status, { "Content-Type": answer.contentType, "Cache-Control": "no-store" })
            .end(req.method === "HEAD" ? undefined : answer.body);
      },
      (error: unknown) => {
        log.error("worker http endpoint failed", { path, error });
        res.writeHead(500).end();
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return server;
}
