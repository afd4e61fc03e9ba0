import { createHmac, timingSafeEqual } from "node:crypto";
import { createReadStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type { GraphQLError } from "graphql";
import { execute, parse, validate, type DocumentNode } from "graphql";
import { buildBulkOperationFinishPayload } from "../payloads/bulk-operation";
import { sendWebhook } from "../send";
import { runBulkOperation, type BulkPlan, type FakeBulkOperation } from "./bulk";
import { requestedQueryCost } from "./cost";
import {
  bulkOperationGid,
  connectionFieldResolver,
  createRootValue,
  type RequestContext,
} from "./root-value";
import { adminSchema } from "./schema";
import type { FakeObject } from "./objects";
import type { FakeShopStore } from "./store";
import { CostBucket } from "./throttle-bucket";
import { exchangeToken, TOKEN_EXCHANGE_PATH, type FakeAppCredentials } from "./token-exchange";

/** The numeric app id the fake uses unless told otherwise. */
export const FAKE_APP_ID = 7_700_001;

export interface FakeShopInstall {
  store: FakeShopStore;
  /** The offline access token the app holds for this shop. */
  accessToken: string;
  scopes: string[];
}

export interface FakeAdminApiOptions {
  shops: FakeShopInstall[];
  port?: number;
  /** Where bulk_operations/finish is delivered, signed with the app secret (null: no webhooks). */
  webhook?: { url: string; secret: string } | null;
  /** Signed result URLs stop working after this long (Shopify: 7 days). */
  resultTtlMs?: number;
  now?: () => Date;
  /** Cost bucket per shop; default the Standard plan's 2,000 points restoring 100 a second. */
  costBucket?: { maximumAvailable: number; restoreRate: number };
  /** The app's credentials: with them, session tokens are exchanged for access tokens (install). */
  app?: FakeAppCredentials | null;
  /** The app's numeric id in its reserved metafield namespaces (`$app:pulse` is `app--<appId>--pulse`). */
  appId?: number;
}

export interface FakeAdminApi {
  /** The origin to give the app as SHOPIFY_ADMIN_API_ORIGIN. */
  origin: string;
  store(domain: string): FakeShopStore;
  /** Installs the app on one more shop (its own data, token and scopes). */
  addShop(install: FakeShopInstall): void;
  /** The merchant uninstalls the app: every access token of the shop stops working (401). */
  uninstall(domain: string): void;
  /** Plans for the next bulk operations of a shop, used in order (then they complete normally). */
  planBulk(domain: string, ...plans: BulkPlan[]): void;
  /** The next `count` GraphQL calls of a shop are answered THROTTLED (bucket drained). */
  throttleNext(domain: string, count: number): void;
  /** Makes every existing result URL of a shop answer as an expired signed URL. */
  expireResults(domain: string): void;
  /** Stop (or resume) delivering finish webhooks, as if they were lost. */
  dropFinishWebhooks(drop: boolean): void;
  setWebhook(webhook: { url: string; secret: string } | null): void;
  operations(domain: string): FakeBulkOperation[];
  /** Every request seen, for assertions (method, path, Range header, status). */
  requests: { method: string; path: string; range: string | null; status: number; throttled?: boolean }[];
  waitForBulkIdle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A local stand-in for Shopify's Admin API over real HTTP: /admin/api/<version>/graphql.json answers
 * GraphQL (parsed and validated with `graphql` against Shopify's type names), bulk operations export
 * JSONL files served from signed, expiring URLs, and bulk_operations/finish is delivered like Shopify does.
 */
export async function startFakeAdminApi(options: FakeAdminApiOptions): Promise<FakeAdminApi> {
  const now = options.now ?? (() => new Date());
  const dir = mkdtempSync(path.join(os.tmpdir(), "fake-admin-api-"));
  const signingKey = `fake-storage-${process.pid}-${Date.now()}`;
  const resultTtlMs = options.resultTtlMs ?? 7 * 86_400_000;
  const byToken = new Map(options.shops.map((install) => [install.accessToken, install]));
  const byDomain = new Map(options.shops.map((install) => [install.store.info.domain, install]));
  const buckets = new Map<string, CostBucket>();
  const plans = new Map<string, BulkPlan[]>();
  const throttles = new Map<string, number>();
  const operations = new Map<string, FakeBulkOperation>();
  const running = new Set<Promise<void>>();
  let webhook = options.webhook ?? null;
  let dropWebhooks = false;
  let nextOperation = 1;
  let origin = "";
  const requests: FakeAdminApi["requests"] = [];
  const app = options.app ?? null;

  const newBucket = () =>
    new CostBucket(options.costBucket?.maximumAvailable, options.costBucket?.restoreRate);
  const bucketOf = (domain: string) => buckets.get(domain) ?? buckets.set(domain, newBucket()).get(domain)!;
  const signature = (opId: number, expires: number) =>
    createHmac("sha256", signingKey).update(`${opId}:${expires}`).digest("hex");
  const resultUrl = (operation: FakeBulkOperation) => {
    const expires = now().getTime() + resultTtlMs;
    return `${origin}/bulk-results/${operation.numericId}.jsonl?expires=${expires}&signature=${signature(operation.numericId, expires)}`;
  };

  const startBulk = (
    context: RequestContext,
    query: string,
  ): { operation: FakeBulkOperation; answer: Promise<void> } => {
    const domain = context.store.info.domain;
    const numericId = nextOperation++;
    const operation: FakeBulkOperation = {
      numericId,
      id: bulkOperationGid(numericId),
      shopDomain: domain,
      query,
      status: "CREATED",
      errorCode: null,
      objectCount: 0,
      rootObjectCount: 0,
      fileSize: null,
      url: null,
      partialDataUrl: null,
      createdAt: now()
        .toISOString()
        .replace(/\.\d{3}Z$/, "Z"),
      completedAt: null,
      filePath: "",
      expired: false,
      canceled: false,
    };
    operations.set(operation.id, operation);
    const plan = plans.get(domain)?.shift() ?? { outcome: "complete" };
    const document = parse(query);
    const bulkRecords = new Map<string, FakeObject[]>();
    const job = runBulkOperation(
      operation,
      plan,
      {
        schema: adminSchema,
        document,
        rootValue,
        contextValue: (slice) => ({ ...context, bulkSlice: slice, bulkRecords }),
        fieldResolver: connectionFieldResolver,
        resultUrl,
        onFinished: sendFinishWebhook,
      },
      dir,
    )
      .catch((error: unknown) => {
        operation.status = "FAILED";
        operation.errorCode = "INTERNAL_SERVER_ERROR";
        console.error("fake bulk operation crashed", error);
      })
      .finally(() => running.delete(job));
    running.add(job);
    return { operation, answer: plan.answerAfterFinish ? job : Promise.resolve() };
  };

  const sendFinishWebhook = async (operation: FakeBulkOperation) => {
    if (!webhook || dropWebhooks) return;
    try {
      await sendWebhook({
        url: webhook.url,
        topic: "bulk_operations/finish",
        shopDomain: operation.shopDomain,
        secret: webhook.secret,
        payload: buildBulkOperationFinishPayload({
          id: operation.numericId,
          createdAt: operation.createdAt,
          completedAt: operation.completedAt ?? now(),
          status: operation.status.toLowerCase() as "completed" | "failed" | "canceled",
          errorCode: operation.errorCode?.toLowerCase() ?? null,
        }),
      });
    } catch {
      // Shopify retries deliveries; the app's polling is the fallback we exercise when this fails.
    }
  };

  const appId = options.appId ?? FAKE_APP_ID;
  const rootValue = createRootValue({ schema: adminSchema, operations, startBulk, now, appId });

  const graphqlResponse = async (
    install: FakeShopInstall,
    body: { query?: string; variables?: Record<string, unknown> },
  ) => {
    const domain = install.store.info.domain;
    const bucket = bucketOf(domain);
    let document: DocumentNode;
    try {
      document = parse(body.query ?? "");
    } catch (error) {
      return {
        errors: [{ message: (error as GraphQLError).message, locations: (error as GraphQLError).locations }],
      };
    }
    const validation = validate(adminSchema, document);
    if (validation.length > 0)
      return {
        errors: validation.map((e) => ({
          message: e.message,
          locations: e.locations,
          extensions: { code: "undefinedField" },
        })),
      };
    const variables = body.variables ?? {};
    const requested = requestedQueryCost(adminSchema, document, variables);
    const forced = throttles.get(domain) ?? 0;
    if (forced > 0) {
      throttles.set(domain, forced - 1);
      bucket.drain();
    }
    if (requested > bucket.maximumAvailable) {
      return {
        errors: [
          {
            message: `Query cost is ${requested}, which exceeds the single query max cost limit (1000).`,
            extensions: { code: "MAX_COST_EXCEEDED", cost: requested, maxCost: bucket.maximumAvailable },
          },
        ],
      };
    }
    if (!bucket.take(requested)) {
      return {
        errors: [
          {
            message: "Throttled",
            extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" },
          },
        ],
        extensions: {
          cost: { requestedQueryCost: requested, actualQueryCost: null, throttleStatus: bucket.status() },
        },
        throttled: true,
      };
    }
    const context: RequestContext = { store: install.store, scopes: install.scopes };
    const result = await execute({
      schema: adminSchema,
      document,
      rootValue,
      contextValue: context,
      variableValues: variables,
      fieldResolver: connectionFieldResolver,
    });
    // Shopify refunds the difference between the requested and the actual cost; here half, a fair guess.
    const actual = Math.ceil(requested / 2);
    bucket.refund(requested - actual);
    return {
      ...(result.data ? { data: result.data } : {}),
      ...(result.errors
        ? {
            errors: result.errors.map((e) => ({
              message: e.message,
              path: e.path,
              locations: e.locations,
              ...(e.extensions && Object.keys(e.extensions).length > 0 ? { extensions: e.extensions } : {}),
            })),
          }
        : {}),
      extensions: {
        cost: { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: bucket.status() },
      },
    };
  };

  const serveResult = (req: IncomingMessage, res: ServerResponse, url: URL): number => {
    const match = /^\/bulk-results\/(\d+)\.jsonl$/.exec(url.pathname);
    const operation = match
      ? [...operations.values()].find((op) => op.numericId === Number(match[1]))
      : undefined;
    const expires = Number(url.searchParams.get("expires"));
    const given = Buffer.from(url.searchParams.get("signature") ?? "");
    const expected = Buffer.from(operation ? signature(operation.numericId, expires) : "");
    const valid =
      !!operation && given.length === expected.length && given.length > 0 && timingSafeEqual(given, expected);
    if (!valid || operation!.expired || expires < now().getTime()) {
      // What a signed storage URL answers once expired.
      res
        .writeHead(403, { "Content-Type": "application/xml" })
        .end(
          "<?xml version='1.0' encoding='UTF-8'?><Error><Code>ExpiredToken</Code><Message>The provided token has expired.</Message></Error>",
        );
      return 403;
    }
    const size = statSync(operation!.filePath).size;
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? "");
    if (range) {
      const start = Number(range[1]);
      if (start >= size) {
        res.writeHead(416, { "Content-Range": `bytes */${size}` }).end();
        return 416;
      }
      res.writeHead(206, {
        "Content-Type": "application/jsonl",
        "Content-Length": size - start,
        "Content-Range": `bytes ${start}-${size - 1}/${size}`,
      });
      createReadStream(operation!.filePath, { start }).pipe(res);
      return 206;
    }
    res.writeHead(200, { "Content-Type": "application/jsonl", "Content-Length": size });
    createReadStream(operation!.filePath).pipe(res);
    return 200;
  };

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://localhost");
      const entry: FakeAdminApi["requests"][number] = {
        method: req.method ?? "GET",
        path: url.pathname,
        range: req.headers.range ?? null,
        status: 0,
      };
      requests.push(entry);
      if (req.method === "GET" && url.pathname.startsWith("/bulk-results/")) {
        entry.status = serveResult(req, res, url);
        return;
      }
      if (req.method === "POST" && url.pathname === TOKEN_EXCHANGE_PATH) {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        const answer = exchangeToken(
          Buffer.concat(chunks).toString("utf8"),
          app,
          (domain) => byDomain.get(domain)?.scopes,
          now(),
        );
        if (answer.status === 200) byToken.set(answer.accessToken, byDomain.get(answer.shopDomain)!);
        entry.status = answer.status;
        res.writeHead(answer.status, { "Content-Type": "application/json" }).end(JSON.stringify(answer.body));
        return;
      }
      if (req.method !== "POST" || !/^\/admin\/api\/[\w-]+\/graphql\.json$/.test(url.pathname)) {
        entry.status = 404;
        res
          .writeHead(404, { "Content-Type": "application/json" })
          .end(JSON.stringify({ errors: "Not Found" }));
        return;
      }
      const install = byToken.get(String(req.headers["x-shopify-access-token"] ?? ""));
      if (!install) {
        entry.status = 401;
        res.writeHead(401, { "Content-Type": "application/json" }).end(
          JSON.stringify({
            errors: "[API] Invalid API key or access token (unrecognized login or wrong password)",
          }),
        );
        return;
      }
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      let body: { query?: string; variables?: Record<string, unknown> };
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as typeof body;
      } catch {
        entry.status = 400;
        res
          .writeHead(400, { "Content-Type": "application/json" })
          .end(JSON.stringify({ errors: "Bad Request" }));
        return;
      }
      const { throttled, ...answer } = (await graphqlResponse(install, body)) as Record<string, unknown> & {
        throttled?: boolean;
      };
      entry.status = 200;
      entry.throttled = throttled === true;
      res
        .writeHead(200, { "Content-Type": "application/json", "X-Request-Id": `fake-${requests.length}` })
        .end(JSON.stringify(answer));
    })().catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", () => resolve()));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    store: (domain) => {
      const install = byDomain.get(domain);
      if (!install) throw new Error(`fake Admin API has no shop ${domain}`);
      return install.store;
    },
    addShop: (install) => {
      byToken.set(install.accessToken, install);
      byDomain.set(install.store.info.domain, install);
    },
    uninstall: (domain) => {
      for (const [token, install] of byToken) if (install.store.info.domain === domain) byToken.delete(token);
    },
    planBulk: (domain, ...list) => plans.set(domain, [...(plans.get(domain) ?? []), ...list]),
    throttleNext: (domain, count) => throttles.set(domain, count),
    expireResults: (domain) => {
      for (const operation of operations.values())
        if (operation.shopDomain === domain) operation.expired = true;
    },
    dropFinishWebhooks: (drop) => {
      dropWebhooks = drop;
    },
    setWebhook: (value) => {
      webhook = value;
    },
    operations: (domain) => [...operations.values()].filter((op) => op.shopDomain === domain),
    requests,
    waitForBulkIdle: async () => {
      while (running.size > 0) await Promise.all([...running]);
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.allSettled([...running]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
