import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";
import path from "node:path";
import { execute, Kind, type DocumentNode, type GraphQLSchema } from "graphql";
import { bulkLines } from "./jsonl";
import { utc } from "./objects";

export type BulkStatus =
  "CREATED" | "RUNNING" | "COMPLETED" | "CANCELING" | "CANCELED" | "FAILED" | "EXPIRED";

/** What the next bulk operation of a shop should do (tests queue these to make Shopify misbehave). */
export interface BulkPlan {
  outcome: "complete" | "fail" | "cancel";
  errorCode?: "ACCESS_DENIED" | "INTERNAL_SERVER_ERROR" | "TIMEOUT";
  /** With outcome "fail": export this many root records first and offer them as partialDataUrl. */
  partialAfterRoots?: number;
  /** Keep the operation RUNNING at least this long (for polling tests). */
  minRunMs?: number;
  /**
   * Answer bulkOperationRunQuery only once the operation has finished and its webhook was delivered:
   * a small export racing its own request, as a slow network can make it on Shopify.
   */
  answerAfterFinish?: boolean;
}

export interface FakeBulkOperation {
  numericId: number;
  id: string;
  shopDomain: string;
  query: string;
  status: BulkStatus;
  errorCode: string | null;
  objectCount: number;
  rootObjectCount: number;
  fileSize: number | null;
  url: string | null;
  partialDataUrl: string | null;
  createdAt: string;
  completedAt: string | null;
  filePath: string;
  /** Set by the test control to make the result URL answer as an expired signed URL. */
  expired: boolean;
  canceled: boolean;
}

const PAGE = 500;

export interface BulkRunContext {
  schema: GraphQLSchema;
  document: DocumentNode;
  rootValue: Record<string, unknown>;
  contextValue: (slice: { offset: number; limit: number }) => object;
  fieldResolver: Parameters<typeof execute>[0]["fieldResolver"];
  resultUrl: (operation: FakeBulkOperation) => string;
  onFinished: (operation: FakeBulkOperation) => Promise<void>;
}

/** The name of the single top-level connection of a bulk query. */
export function bulkRootField(document: DocumentNode): string | null {
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  const field =
    operation?.kind === Kind.OPERATION_DEFINITION
      ? operation.selectionSet.selections.find((s) => s.kind === Kind.FIELD)
      : undefined;
  return field?.kind === Kind.FIELD ? field.name.value : null;
}

const write = async (stream: WriteStream, text: string) => {
  if (!stream.write(text)) await once(stream, "drain");
};

/** Runs the export in the background, page by page, writing JSONL as Shopify would. */
export async function runBulkOperation(
  operation: FakeBulkOperation,
  plan: BulkPlan,
  ctx: BulkRunContext,
  dir: string,
): Promise<void> {
  const started = Date.now();
  operation.filePath = path.join(dir, `bulk-${operation.numericId}.jsonl`);
  const file = createWriteStream(operation.filePath);
  const rootField = bulkRootField(ctx.document)!;
  operation.status = "RUNNING";
  let bytes = 0;
  let failed = false;
  try {
    for (let offset = 0; ; offset += PAGE) {
      await new Promise((resolve) => setImmediate(resolve)); // let the server answer polls meanwhile
      if (operation.canceled) break;
      const result = await execute({
        schema: ctx.schema,
        document: ctx.document,
        rootValue: ctx.rootValue,
        contextValue: ctx.contextValue({ offset, limit: PAGE }),
        fieldResolver: ctx.fieldResolver,
      });
      if (result.errors?.length) throw new Error(result.errors[0]!.message);
      const connection = (result.data as Record<string, { edges: { node: Record<string, unknown> }[] }>)[
        rootField
      ]!;
      for (const { node } of connection.edges) {
        if (plan.outcome === "fail" && operation.rootObjectCount >= (plan.partialAfterRoots ?? 0)) {
          failed = true;
          break;
        }
        const lines = bulkLines(node);
        const text = `${lines.join("\n")}\n`;
        bytes += Buffer.byteLength(text);
        await write(file, text);
        operation.objectCount += lines.length;
        operation.rootObjectCount += 1;
      }
      if (failed || connection.edges.length < PAGE) break;
    }
  } finally {
    await new Promise<void>((resolve) => file.end(resolve));
  }
  const wait = (plan.minRunMs ?? 0) - (Date.now() - started);
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));

  operation.completedAt = utc(new Date());
  if (operation.canceled || plan.outcome === "cancel") {
    operation.status = "CANCELED";
  } else if (plan.outcome === "fail" || failed) {
    operation.status = "FAILED";
    operation.errorCode = plan.errorCode ?? "INTERNAL_SERVER_ERROR";
    operation.partialDataUrl = operation.rootObjectCount > 0 ? ctx.resultUrl(operation) : null;
  } else {
    operation.status = "COMPLETED";
    operation.fileSize = bytes;
    // An export with no objects has no file, as on Shopify.
    operation.url = operation.objectCount > 0 ? ctx.resultUrl(operation) : null;
  }
  await ctx.onFinished(operation);
}
