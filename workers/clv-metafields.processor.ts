import type { PrismaClient } from "@prisma/client";
import type { Job } from "bullmq";
import type { AdminGraphql } from "~/admin-api/graphql.server";
import { isAccessDenied } from "~/customer-metafields/access-denied";
import { ensureClvMetafieldDefinitions } from "~/customer-metafields/ensure-definitions.server";
import { syncClvMetafields, type MetafieldSyncOptions } from "~/customer-metafields/sync-metafields.server";
import { clvMetafieldsJob, type ClvMetafieldsJob } from "~/jobs/clv-metafields.job";
import { parseJobData } from "~/jobs/contract";
import { log } from "~/logger.server";

export interface ClvMetafieldsProcessorDeps {
  prisma: PrismaClient;
  graphqlFor: (shopDomain: string) => Promise<AdminGraphql>;
  options?: Partial<MetafieldSyncOptions>;
}

/**
 * "definitions": create the metafield definitions; "sync": write changed CLV values. A shop that is not
 * installed is skipped; one that has not granted write_customers yet is skipped with a warning (no
 * retry can help), and the next run tries again.
 */
export function createClvMetafieldsProcessor({ prisma, graphqlFor, options }: ClvMetafieldsProcessorDeps) {
  return async (job: Job<ClvMetafieldsJob>) => {
    const { shopId } = parseJobData(clvMetafieldsJob, job);
    const shop = await prisma.shop.findUnique({
      where: { id: shopId },
      select: { domain: true, state: true },
    });
    if (!shop || shop.state !== "installed") return { skipped: "not installed" };
    const graphql = await graphqlFor(shop.domain);
    try {
      if (job.name === "definitions") return await ensureClvMetafieldDefinitions(graphql);
      return await syncClvMetafields(prisma, graphql, shopId, options);
    } catch (error) {
      if (!isAccessDenied(error)) throw error;
      log.warn("clv metafields skipped: the shop has not granted write_customers yet", {
        shopId,
        shop: shop.domain,
      });
      return { skipped: "missing write_customers" };
    }
  };
}
