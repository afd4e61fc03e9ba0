import { collectDefaultMetrics, Histogram, Registry } from "prom-client";

/**
 * The process's Prometheus metrics. One set per process on globalThis: the Remix build bundles its own
 * copy of this module beside the server's, and both must count into the registry /metrics serves.
 * Label values come from small fixed sets only (topics the app subscribes to, status codes, queue names,
 * engine modes), never from shops or ids, so the number of series stays bounded as shops are added.
 */
export interface Metrics {
  registry: Registry;
  webhookAck: Histogram<"topic" | "status">;
  jobWait: Histogram<"queue">;
  jobDuration: Histogram<"queue" | "outcome">;
  recomputeDuration: Histogram<"mode">;
}

declare global {
  var __pulseMetrics: Metrics | undefined;
}

export function metrics(): Metrics {
  return (globalThis.__pulseMetrics ??= createMetrics());
}

function createMetrics(): Metrics {
  const registry = new Registry();
  const registers = [registry];
  return {
    registry,
    webhookAck: new Histogram({
      name: "pulse_webhook_ack_duration_seconds",
      help: "Time from a webhook delivery's arrival to its answer, by topic and HTTP status",
      labelNames: ["topic", "status"],
      // Shopify gives up after 5 s; the interesting part is well below that.
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    jobWait: new Histogram({
      name: "pulse_job_wait_seconds",
      help: "Time a job waited in its queue, from when it was due to when a worker took it",
      labelNames: ["queue"],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 60, 300, 1800],
      registers,
    }),
    jobDuration: new Histogram({
      name: "pulse_job_duration_seconds",
      help: "Time a worker spent on a job, by queue and outcome (completed or failed)",
      labelNames: ["queue", "outcome"],
      buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 60, 300, 1800],
      registers,
    }),
    recomputeDuration: new Histogram({
      name: "pulse_kpi_recompute_duration_seconds",
      help: "Time of one KPI recompute job, by engine mode (incremental, settings or full)",
      labelNames: ["mode"],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers,
    }),
  };
}

let defaultsOn = false;

/** Names the process (web or worker) on every series and adds Node's own metrics (event loop, heap, CPU). */
export function startProcessMetrics(role: "web" | "worker"): void {
  const { registry } = metrics();
  registry.setDefaultLabels({ process: role });
  if (defaultsOn) return;
  defaultsOn = true;
  collectDefaultMetrics({ register: registry });
}
