/**
 * `npm run demo`: the app with its demo store, on this machine only.
 *
 * Starts the embedded PostgreSQL, a local fake of Shopify's Admin API holding the CDNOW history, the
 * web and worker processes (as in production, as child processes), installs the demo shop (its history
 * comes in through the normal Admin API client and backfill), then sends a live trickle of signed
 * webhooks through the real HTTP endpoint. Ctrl-C stops everything; the data stays in DATA_DIR.
 */
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { prepareDatabase } from "~/db/bootstrap.server";
import { DEMO_SHOP_DOMAIN } from "~/auth/demo-session.server";
import { parseEnv } from "~/env.server";
import { startFakeAdminApi, FakeShopStore, loadCdnowHistory } from "../fake-shopify/admin-api";
import { startTrickle } from "../fake-shopify/trickle";
import { putOrder } from "../fake-shopify/admin-api";
import { startDemoOutbox } from "~/digest/demo-outbox.server";
import { ensureRemixBuild } from "./lib/remix-build";
import { importDemoHistory } from "./lib/demo-history";
import { sendFirstDigest } from "./lib/demo-digest";

const ROOT = path.resolve(import.meta.dirname, "..");
const CDNOW = path.join(ROOT, "data/cdnow/CDNOW_master.txt");
const say = (line: string) => console.log(`[demo] ${line}`);
/** What to undo, newest first, whether the demo stops normally or fails half-way. */
const cleanups: (() => Promise<void>)[] = [];

interface DemoState {
  secret: string;
  accessToken: string;
  /** The day the CDNOW history ends on, fixed at the first run so restarts keep the same store. */
  anchorDate: string;
}

async function main() {
  const dataDir = path.resolve(ROOT, process.env.DATA_DIR ?? ".data");
  fs.mkdirSync(dataDir, { recursive: true });
  const state = demoState(dataDir);
  const port = Number(process.env.PORT ?? 3000);
  const baseEnv = {
    NODE_ENV: "development" as const,
    DEMO_MODE: "true",
    SHOPIFY_API_KEY: "pulse-demo",
    SHOPIFY_API_SECRET: state.secret,
    SHOPIFY_APP_URL: `http://localhost:${port}`,
    PORT: String(port),
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    // The children write to this terminal: short lines for a person (LOG_FORMAT=json to see the real ones).
    LOG_FORMAT: process.env.LOG_FORMAT ?? "pretty",
  };
  const config = parseEnv({ ...process.env, ...baseEnv });

  say("starting PostgreSQL…");
  const database = await prepareDatabase(config, say);
  cleanups.unshift(() => database.stop());
  say("building the admin pages…");
  ensureRemixBuild();

  say("loading the CDNOW history into the fake Shopify Admin API…");
  const store = new FakeShopStore({
    domain: DEMO_SHOP_DOMAIN,
    name: "Pulse Demo Records",
    currencyCode: "USD",
    ianaTimezone: "America/New_York",
    taxesIncluded: false,
  });
  const loaded = await loadCdnowHistory(store, {
    path: CDNOW,
    anchorDate: state.anchorDate,
    timeZone: store.info.ianaTimezone,
  });
  const adminApi = await startFakeAdminApi({
    shops: [
      {
        store,
        accessToken: state.accessToken,
        scopes: ["read_orders", "read_all_orders", "read_customers", "read_locales"],
      },
    ],
    webhook: { url: `http://127.0.0.1:${port}/webhooks`, secret: state.secret },
  });
  cleanups.unshift(() => adminApi.close());
  say(
    `fake Admin API on ${adminApi.origin}: ${loaded.customers.toLocaleString("en")} customers, ${loaded.orders.toLocaleString("en")} orders`,
  );

  // Digest emails go to a local SMTP server that writes each message as a .eml file.
  const outboxDir = path.join(dataDir, "outbox");
  const outbox = await startDemoOutbox({
    dir: outboxDir,
    onMessage: (file) => say(`digest email written to ${file}`),
  });
  cleanups.unshift(() => outbox.close());

  const childEnv = {
    ...process.env,
    ...baseEnv,
    DATABASE_URL: database.url,
    SHOPIFY_ADMIN_API_ORIGIN: adminApi.origin,
    SMTP_URL: outbox.url,
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
  };
  const children = [
    startChild("web", "server.ts", childEnv),
    startChild("worker", "workers/main.ts", childEnv),
  ];
  cleanups.unshift(async () => {
    await Promise.all(children.map(stopChild));
  });
  await waitForHealth(`http://127.0.0.1:${port}/healthz`, children[0]!);

  // This process imports the history itself (with progress on screen), as the app's own code.
  Object.assign(process.env, childEnv);
  say("installing the demo shop (history import through the Admin API)…");
  const importedAt = await importDemoHistory({
    databaseUrl: database.url,
    redisUrl: process.env.REDIS_URL,
    adminApiOrigin: adminApi.origin,
    shop: DEMO_SHOP_DOMAIN,
    accessToken: state.accessToken,
    log: say,
  });

  const trickle = startTrickle({
    webhookUrl: `http://127.0.0.1:${port}/webhooks`,
    shopDomain: DEMO_SHOP_DOMAIN,
    secret: state.secret,
    currency: "USD",
    timeZone: store.info.ianaTimezone,
    returningCustomers: sampleCustomers(store),
    firstId: 8_000_000_000_000 + Math.floor(Date.now() / 1000),
    everyMs: 2_000,
    onOrder: (order) => putOrder(store, order),
    onEvent: ({ topic, status, summary }) => {
      if (status !== 200) say(`webhook ${topic} answered ${status}: ${summary}`);
    },
  });
  cleanups.unshift(() => trickle.stop());

  await sendFirstDigest({
    databaseUrl: database.url,
    shop: DEMO_SHOP_DOMAIN,
    recipient: "merchant@pulse-demo.example",
    computedAfter: importedAt ?? new Date(0),
    log: say,
  });

  say("");
  say(
    `Open http://localhost:${port}/demo — the admin pages of ${DEMO_SHOP_DOMAIN}, with a demo-only session.`,
  );
  say("Live webhooks are arriving every 2 s (orders, checkouts, carts, refunds). Press Ctrl-C to stop.");

  process.on("SIGINT", () => void stop(0, `stopped; data kept in ${dataDir}`));
  process.on("SIGTERM", () => void stop(0, `stopped; data kept in ${dataDir}`));
}

let stopping = false;
async function stop(code: number, message: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  say("stopping…");
  for (const cleanup of cleanups) await cleanup().catch(() => {});
  say(message);
  process.exit(code);
}

function demoState(dataDir: string): DemoState {
  const file = path.join(dataDir, "demo.json");
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as DemoState;
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const state: DemoState = {
    secret: crypto.randomBytes(24).toString("hex"),
    accessToken: `shpat_demo_${crypto.randomBytes(16).toString("hex")}`,
    anchorDate: yesterday,
  };
  fs.writeFileSync(file, JSON.stringify(state, null, 2));
  return state;
}

/** The processes of production, on Node 24 with tsx's loader; their output goes to this terminal. */
function startChild(name: string, entry: string, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(path.join(ROOT, "node_modules/.bin/node"), ["--import", "tsx", entry], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "inherit", "inherit"],
  });
  child.on("exit", (code, signal) => {
    if (code !== 0 && signal === null) {
      void stop(1, `the ${name} process exited with code ${code}`);
    }
  });
  return child;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

async function waitForHealth(url: string, web: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (web.exitCode !== null) throw new Error("the web process exited during start-up");
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the web process did not answer ${url} within ${timeoutMs / 1000} s`);
}

/** Some of the history's customers, who come back in the live traffic. */
function sampleCustomers(store: FakeShopStore) {
  return store
    .list("customers")
    .slice(0, 500)
    .map((object) => {
      const customer = object as unknown as {
        id: string;
        email: string;
        firstName: string;
        lastName: string;
        createdAt: string;
      };
      return {
        id: Number(customer.id.split("/").pop()),
        email: customer.email,
        firstName: customer.firstName,
        lastName: customer.lastName,
        createdAt: customer.createdAt,
      };
    });
}

main().catch(
  (error: unknown) => void stop(1, `failed: ${error instanceof Error ? error.message : String(error)}`),
);
