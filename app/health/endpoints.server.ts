import { db } from "~/db.server";
import { queues } from "~/jobs/producer.server";
import { metrics } from "~/metrics/registry.server";
import { refreshStateGauges } from "~/metrics/state-gauges.server";
import { readiness } from "./readiness.server";

export interface OpsResponse {
  status: number;
  contentType: string;
  body: string;
}

const sources = { prisma: db, queues };

/**
 * The operations endpoints, the same in the web and the worker process: /healthz (alive: the event loop
 * answers, nothing else is asked), /readyz (database and queue answer; 503 names what does not) and
 * /metrics (Prometheus text). Undefined for any other path.
 */
export async function opsEndpoint(path: string): Promise<OpsResponse | undefined> {
  switch (path) {
    case "/healthz":
      return { status: 200, contentType: "text/plain; charset=utf-8", body: "ok" };
    case "/readyz": {
      const result = await readiness(sources);
      return {
        status: result.status === "ready" ? 200 : 503,
        contentType: "application/json; charset=utf-8",
        body: JSON.stringify(result),
      };
    }
    case "/metrics": {
      await refreshStateGauges(sources);
      const { registry } = metrics();
      return { status: 200, contentType: registry.contentType, body: await registry.metrics() };
    }
    default:
      return undefined;
  }
}
