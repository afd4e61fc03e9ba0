import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import { freePort, waitForPort } from "./ports";
import { findRedisServer } from "./redis";

const SLOTS = 16_384;

export interface RedisCluster {
  /** Seed node URLs, as REDIS_CLUSTER_NODES takes them (comma-joined). */
  nodes: string[];
  /** The nodes' client ports. */
  ports: number[];
  /** Kills every node (SIGKILL, like a lost machine), keeping their cluster configuration. */
  kill(): Promise<void>;
  /** Starts the killed nodes again on their ports: same slots, no data (no persistence). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A real, throw-away Redis Cluster: `size` redis-server masters on free loopback ports, no replicas, the
 * 16,384 slots split evenly. Slots are assigned with CLUSTER ADDSLOTS and the nodes joined with
 * CLUSTER MEET, so it needs redis-server only (no redis-cli), like the single Redis of the other tests.
 */
export async function startRedisCluster(size = 3, binary = findRedisServer()): Promise<RedisCluster> {
  if (!binary) throw new Error("redis-server is not installed (apt-get install redis-server)");
  const allPorts = await distinctFreePorts(size * 2);
  // The bus ports are chosen too: port + 10,000 (Redis's default) may be taken or past 65,535.
  const ports = allPorts.slice(0, size);
  const busPorts = allPorts.slice(size);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulse-redis-cluster-"));
  let children: ChildProcess[] = [];
  const start = async () => {
    children = ports.map((port, i) => {
      const nodeDir = path.join(dir, String(port));
      fs.mkdirSync(nodeDir, { recursive: true });
      const args = [
        ...["--port", String(port), "--bind", "127.0.0.1", "--dir", nodeDir],
        ...["--save", "", "--appendonly", "no"],
        ...["--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf"],
        ...["--cluster-port", String(busPorts[i]), "--cluster-node-timeout", "5000"],
      ];
      return spawn(binary, args, { stdio: "ignore" });
    });
    await Promise.all(ports.map((port) => waitForPort(port)));
  };
  const killAll = async () => {
    await Promise.all(children.map(kill));
  };
  const stop = async () => {
    await killAll();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await start();
    await formCluster(ports, busPorts);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    nodes: ports.map((port) => `redis://127.0.0.1:${port}`),
    ports,
    kill: killAll,
    restart: async () => {
      await killAll();
      await start();
      // nodes.conf brings back the slots and the other nodes; wait until they agree again.
      await withClients(ports, (clients) => waitForClusterOk(clients, ports));
    },
    stop,
  };
}

async function formCluster(ports: number[], busPorts: number[]): Promise<void> {
  await withClients(ports, async (clients) => {
    const share = Math.ceil(SLOTS / ports.length);
    await Promise.all(
      clients.map((client, i) => {
        const first = i * share;
        const slots = Array.from({ length: Math.min(share, SLOTS - first) }, (_, k) => first + k);
        return client.call("CLUSTER", "ADDSLOTS", ...slots.map(String));
      }),
    );
    // MEET names the bus port too: without it Redis assumes port + 10,000.
    for (let i = 1; i < ports.length; i++)
      await clients[0]!.call("CLUSTER", "MEET", "127.0.0.1", String(ports[i]), String(busPorts[i]));
    await waitForClusterOk(clients, ports);
  });
}

async function withClients<T>(ports: number[], use: (clients: Redis[]) => Promise<T>): Promise<T> {
  const clients = ports.map((port) => new Redis({ port, host: "127.0.0.1", lazyConnect: true }));
  try {
    await Promise.all(clients.map((client) => client.connect()));
    return await use(clients);
  } finally {
    clients.forEach((client) => client.disconnect());
  }
}

const waitForClusterOk = (clients: Redis[], ports: number[]) =>
  waitUntil(async () => {
    const infos = await Promise.all(clients.map((client) => client.call("CLUSTER", "INFO")));
    return infos.every((info) => /cluster_state:ok/.test(String(info)) && knowsAll(String(info), ports));
  }, "cluster_state:ok on every node");

const knowsAll = (info: string, ports: number[]) =>
  new RegExp(`cluster_known_nodes:${ports.length}\\b`).test(info) &&
  /cluster_slots_assigned:16384\b/.test(info);

async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Redis Cluster: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function distinctFreePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}

function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}
