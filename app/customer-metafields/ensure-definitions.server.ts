import type { AdminGraphql } from "~/admin-api/graphql.server";
import { log } from "~/logger.server";
import type { ClvMetafieldDefinitionCreateMutation } from "~/types/admin.generated";
import { CLV_METAFIELDS, METAFIELD_NAMESPACE } from "./definitions";
import { METAFIELD_DEFINITION_CREATE_MUTATION } from "./documents";

export class MetafieldDefinitionError extends Error {
  override name = "MetafieldDefinitionError";
}

/**
 * Creates the definitions of the app's customer metafields, so merchants see them named and described
 * and can filter customer segments and Flow on them. Idempotent: a definition that already exists (a
 * reinstall, or the previous night) answers TAKEN, which is success here. Any other userError throws.
 */
export async function ensureClvMetafieldDefinitions(
  graphql: AdminGraphql,
): Promise<{ created: string[]; existing: string[] }> {
  const created: string[] = [];
  const existing: string[] = [];
  for (const spec of CLV_METAFIELDS) {
    const { data } = await graphql<ClvMetafieldDefinitionCreateMutation>(
      METAFIELD_DEFINITION_CREATE_MUTATION,
      {
        definition: {
          namespace: METAFIELD_NAMESPACE,
          key: spec.key,
          ownerType: "CUSTOMER",
          type: spec.type,
          name: spec.name,
          description: spec.description,
          validations: spec.validations,
          // Merchants read them (customer page, segments, Flow); only the app writes them.
          access: { admin: "MERCHANT_READ" },
        },
      },
    );
    const errors = data.metafieldDefinitionCreate?.userErrors ?? [];
    if (errors.length === 0) created.push(spec.key);
    else if (errors.every((e) => e.code === "TAKEN")) existing.push(spec.key);
    else {
      log.error("metafield definition refused", { key: spec.key, userErrors: errors });
      throw new MetafieldDefinitionError(
        `metafield definition ${spec.key} refused: ${errors.map((e) => `${e.code ?? "?"} ${e.message}`).join("; ")}`,
      );
    }
  }
  return { created, existing };
}
