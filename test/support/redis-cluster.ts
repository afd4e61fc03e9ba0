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
  ports: number[];
  stop(): Promise<void>;
}

/**
 * A real, throw-away Redis Cluster: `size` redis-server masters on free loopback ports, no replicas, the
 * 16,384 slots split evenly. Slots are assigned with CLUSTER ADDSLOTS and the nodes joined with
 * CLUSTER MEET, so it needs redis-server only (no redis-cli), like the single Redis of the other tests.
 */
export async function startRedisCluster(size = 3, binary = findRedisServer()): Promise<RedisCluster> {
  if (!binary) throw new Error("redis-server is not installed (apt-get install redis-server)");
  const ports = await distinctFreePorts(size * 2);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulse-redis-cluster-"));
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(children.map(kill));
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < size; i++) {
      const port = ports[i]!;
      const nodeDir = path.join(dir, String(port));
      fs.mkdirSync(nodeDir);
      // The bus port is chosen too: port + 10,000 (Redis's default) may be taken or past 65,535.
      const args = [
        ...["--port", String(port), "--bind", "127.0.0.1", "--dir", nodeDir],
        ...["--save", "", "--appendonly", "no"],
        ...["--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf"],
        ...["--cluster-port", String(ports[size + i]), "--cluster-node-timeout", "5000"],
      ];
      children.push(spawn(binary, args, { stdio: "ignore" }));
    }
    await Promise.all(ports.slice(0, size).map((port) => waitForPort(port)));
    await formCluster(ports.slice(0, size), ports.slice(size));
  } catch (error) {
    await stop();
    throw error;
  }
  return { nodes: ports.slice(0, size).map((port) => `redis://127.0.0.1:${port}`), ports, stop };
}

async function formCluster(ports: number[], busPorts: number[]): Promise<void> {
  const clients = ports.map((port) => new Redis({ port, host: "127.0.0.1", lazyConnect: true }));
  try {
    await Promise.all(clients.map((client) => client.connect()));
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
    await waitUntil(async () => {
      const infos = await Promise.all(clients.map((client) => client.call("CLUSTER", "INFO")));
      return infos.every((info) => /cluster_state:ok/.test(String(info)) && knowsAll(String(info), ports));
    }, "cluster_state:ok on every node");
  } finally {
    clients.forEach((client) => client.disconnect());
  }
}

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
