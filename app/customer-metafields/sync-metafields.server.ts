/**
 * Writes each customer's CLV prediction to their `$app:pulse` metafields after a model run (decision
 * 0043): predictions are read a page at a time, compared with the hash of what was last written, and only
 * the changed customers are sent, CUSTOMERS_PER_CALL to a metafieldsSet call, through the throttled Admin
 * client (it waits for the cost bucket and retries THROTTLED answers).
 *
 * metafieldsSet is all or nothing: when Shopify refuses some metafields (userErrors with elementIndex),
 * the call wrote none. Those customers keep their error in clv_metafield_state (and the log) and the
 * rest of the call is sent again without them; a refused customer is tried again on the next run.
 */
import { createHash } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import type { AdminGraphql } from "~/admin-api/graphql.server";
import { readCustomerClv, type CustomerClv } from "~/clv/customer-clv.server";
import { log } from "~/logger.server";
import type { ClvMetafieldsSetMutation } from "~/types/admin.generated";
import { CLV_METAFIELDS, CUSTOMERS_PER_CALL, customerGid, METAFIELD_NAMESPACE } from "./definitions";
import { METAFIELDS_SET_MUTATION } from "./documents";
import { ensureClvMetafieldDefinitions } from "./ensure-definitions.server";

export interface MetafieldSyncResult {
  /** Customers whose metafields were written. */
  written: number;
  /** Customers skipped because their values equal what was last written. */
  unchanged: number;
  /** Customers Shopify refused (kept in clv_metafield_state with the reason). */
  failed: number;
  calls: number;
}

export interface MetafieldSyncOptions {
  /** Predictions read per page (bounds memory on large shops). */
  pageSize: number;
}

type UserError = NonNullable<ClvMetafieldsSetMutation["metafieldsSet"]>["userErrors"][number];

const valuesOf = (customer: CustomerClv) => CLV_METAFIELDS.map((spec) => spec.value(customer));
const hashOf = (values: string[]) =>
  createHash("sha256").update(values.join("\u0000")).digest("hex").slice(0, 32);

interface Pending {
  customer: CustomerClv;
  values: string[];
  hash: string;
}

export async function syncClvMetafields(
  prisma: PrismaClient,
  graphql: AdminGraphql,
  shopId: number,
  options: Partial<MetafieldSyncOptions> = {},
): Promise<MetafieldSyncResult> {
  const pageSize = options.pageSize ?? 2_000;
  await ensureClvMetafieldDefinitions(graphql);
  const result: MetafieldSyncResult = { written: 0, unchanged: 0, failed: 0, calls: 0 };
  let afterKey: string | null = null;
  do {
    const page = await readCustomerClv(prisma, shopId, { afterKey, limit: pageSize });
    afterKey = page.nextKey;
    if (page.customers.length === 0) continue;
    const states = await prisma.clvMetafieldState.findMany({
      where: { shopId, customerId: { in: page.customers.map((c) => c.customerId) } },
      select: { customerId: true, valueHash: true },
    });
    const lastHash = new Map(states.map((s) => [s.customerId, s.valueHash]));
    const changed: Pending[] = [];
    for (const customer of page.customers) {
      const values = valuesOf(customer);
      const hash = hashOf(values);
      if (lastHash.get(customer.customerId) === hash) result.unchanged += 1;
      else changed.push({ customer, values, hash });
    }
    for (let from = 0; from < changed.length; from += CUSTOMERS_PER_CALL) {
      await sendBatch(prisma, graphql, shopId, changed.slice(from, from + CUSTOMERS_PER_CALL), result);
    }
  } while (afterKey !== null);
  log.info("clv metafields synced", { shopId, ...result });
  return result;
}

async function sendBatch(
  prisma: PrismaClient,
  graphql: AdminGraphql,
  shopId: number,
  batch: Pending[],
  result: MetafieldSyncResult,
): Promise<void> {
  let remaining = batch;
  while (remaining.length > 0) {
    const metafields = remaining.flatMap((p) =>
      CLV_METAFIELDS.map((spec, i) => ({
        ownerId: customerGid(p.customer.customerId),
        namespace: METAFIELD_NAMESPACE,
        key: spec.key,
        type: spec.type,
        value: p.values[i]!,
      })),
    );
    result.calls += 1;
    const { data } = await graphql<ClvMetafieldsSetMutation>(METAFIELDS_SET_MUTATION, { metafields });
    const userErrors = data.metafieldsSet?.userErrors ?? [];
    if (userErrors.length === 0) {
      await recordWritten(prisma, shopId, remaining);
      result.written += remaining.length;
      return;
    }
    // Which customers Shopify named; an error without an element index refuses the whole call.
    const refused = new Map<number, UserError[]>();
    for (const error of userErrors) {
      const named = error.elementIndex == null ? -1 : Math.floor(error.elementIndex / CLV_METAFIELDS.length);
      const customers = named >= 0 && named < remaining.length ? [named] : remaining.map((_, i) => i);
      for (const i of customers) refused.set(i, [...(refused.get(i) ?? []), error]);
    }
    const failed = [...refused].map(([i, errors]) => ({ pending: remaining[i]!, errors }));
    log.warn("shopify refused customer metafields", {
      shopId,
      customers: failed.map((f) => ({
        customerId: f.pending.customer.customerId.toString(),
        // Shopify's userErrors (code, field, message, elementIndex), not Error objects: logged as they came.
        userErrors: f.errors,
      })),
    });
    await recordFailed(prisma, shopId, failed);
    result.failed += failed.length;
    remaining = remaining.filter((_, i) => !refused.has(i));
  }
}

async function recordWritten(prisma: PrismaClient, shopId: number, written: Pending[]): Promise<void> {
  const ids = written.map((p) => p.customer.customerId.toString());
  const hashes = written.map((p) => p.hash);
  await prisma.$executeRaw`
    INSERT INTO clv_metafield_state (shop_id, customer_id, value_hash, written_at, last_error, failed_at)
    SELECT ${shopId}, id::bigint, hash, now(), NULL, NULL FROM unnest(${ids}::text[], ${hashes}::text[]) AS t(id, hash)
    ON CONFLICT (shop_id, customer_id) DO UPDATE
      SET value_hash = EXCLUDED.value_hash, written_at = EXCLUDED.written_at, last_error = NULL, failed_at = NULL`;
}

/** A refused customer's hash is cleared, so the next run sends it again whatever its values. */
async function recordFailed(
  prisma: PrismaClient,
  shopId: number,
  failed: { pending: Pending; errors: UserError[] }[],
): Promise<void> {
  const ids = failed.map((f) => f.pending.customer.customerId.toString());
  const reasons = failed.map((f) => f.errors.map((e) => `${e.code ?? "?"}: ${e.message}`).join("; "));
  await prisma.$executeRaw`
    INSERT INTO clv_metafield_state (shop_id, customer_id, value_hash, written_at, last_error, failed_at)
    SELECT ${shopId}, id::bigint, NULL, NULL, reason, now() FROM unnest(${ids}::text[], ${reasons}::text[]) AS t(id, reason)
    ON CONFLICT (shop_id, customer_id) DO UPDATE
      SET value_hash = NULL, last_error = EXCLUDED.last_error, failed_at = EXCLUDED.failed_at`;
}
