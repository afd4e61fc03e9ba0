import {
  getNamedType,
  isCompositeType,
  isObjectType,
  isInterfaceType,
  Kind,
  type DocumentNode,
  type GraphQLSchema,
  type SelectionSetNode,
  type GraphQLCompositeType,
} from "graphql";

/**
 * Shopify's calculated query cost, approximated: one point per record (an object with an `id`), a
 * connection costs 2 plus `first` times its node's cost, a mutation 10. Value objects (money, tax
 * lines) are free here, which keeps the numbers close to what Shopify reports for such queries.
 */
export function requestedQueryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown>,
): number {
  let total = 0;
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const root = definition.operation === "mutation" ? schema.getMutationType() : schema.getQueryType();
    if (!root) continue;
    total +=
      (definition.operation === "mutation" ? 10 : 0) +
      selectionCost(definition.selectionSet, root, variables);
  }
  return Math.max(1, Math.ceil(total));
}

function selectionCost(
  selectionSet: SelectionSetNode,
  parent: GraphQLCompositeType,
  variables: Record<string, unknown>,
): number {
  let cost = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      cost += selectionCost(selection.selectionSet, parent, variables);
      continue;
    }
    if (selection.kind !== Kind.FIELD || !selection.selectionSet) continue;
    const fields = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields() : {};
    const field = fields[selection.name.value];
    if (!field) continue;
    const type = getNamedType(field.type);
    if (!isCompositeType(type)) continue;
    const firstArg = selection.arguments?.find((a) => a.name.value === "first")?.value;
    const first =
      firstArg?.kind === Kind.INT
        ? Number(firstArg.value)
        : firstArg?.kind === Kind.VARIABLE
          ? Number(variables[firstArg.name.value] ?? 1)
          : 1;
    const isConnection = type.name.endsWith("Connection");
    const isRecord = (isObjectType(type) || isInterfaceType(type)) && "id" in type.getFields();
    const own = isConnection ? 2 : isRecord ? 1 : 0;
    cost += own + (isConnection ? first : 1) * selectionCost(selection.selectionSet, type, variables);
  }
  return cost;
}
