import { createHash } from "node:crypto";
import { gid } from "../ids";
import type { FakeShopStore } from "./store";

/**
 * Customer metafields and their definitions as Shopify's Admin API keeps them: `metafieldDefinitionCreate`
 * and `metafieldsSet` with Shopify's rules and userErrors (app-reserved `$app` namespaces, at most 25
 * metafields a call, all-or-nothing, types and validations checked against the definition).
 */

export interface FakeMetafieldDefinition {
  id: string;
  name: string;
  namespace: string;
  key: string;
  description: string | null;
  ownerType: "CUSTOMER";
  type: { name: string };
  validations: { name: string; type: string; value: string }[];
  access: { admin?: string; storefront?: string; customerAccount?: string };
  pinnedPosition: number | null;
}

export interface FakeMetafield {
  id: string;
  ownerId: string;
  namespace: string;
  key: string;
  value: string;
  type: string;
  compareDigest: string;
  createdAt: string;
  updatedAt: string;
}

interface DefinitionInput {
  name: string;
  namespace?: string | null;
  key: string;
  description?: string | null;
  type: string;
  ownerType: "CUSTOMER";
  validations?: { name: string; value: string }[] | null;
  access?: FakeMetafieldDefinition["access"] | null;
  pin?: boolean | null;
}

interface SetInput {
  ownerId: string;
  namespace?: string | null;
  key: string;
  value: string;
  type?: string | null;
  compareDigest?: string | null;
}

/** The types the fake knows, with the validations Shopify accepts for each. */
const TYPES: Record<string, { validations: string[]; valid: (value: string) => boolean }> = {
  single_line_text_field: {
    validations: ["choices", "min", "max", "regex"],
    valid: (value) => !value.includes("\n"),
  },
  number_decimal: {
    validations: ["min", "max", "max_precision"],
    valid: (value) => /^-?\d+(\.\d+)?$/.test(value),
  },
  number_integer: { validations: ["min", "max"], valid: (value) => /^-?\d+$/.test(value) },
};

export const METAFIELDS_SET_LIMIT = 25;

let nextId = 1;
const timestamp = (now: Date) => now.toISOString().replace(/\.\d{3}Z$/, "Z");

/** `$app` and `$app:<name>` are the app's reserved namespaces, stored as `app--<app id>[--<name>]`. */
export function resolveNamespace(namespace: string | null | undefined, appId: number): string {
  const given = namespace ?? "$app";
  if (given === "$app") return `app--${appId}`;
  if (given.startsWith("$app:")) return `app--${appId}--${given.slice(5)}`;
  return given;
}

const definitionKey = (ownerType: string, namespace: string, key: string) =>
  `${ownerType}/${namespace}/${key}`;

export function createMetafieldDefinition(
  store: FakeShopStore,
  input: DefinitionInput,
  appId: number,
): { createdDefinition: FakeMetafieldDefinition | null; userErrors: unknown[] } {
  const fail = (field: string[], message: string, code: string) => ({
    createdDefinition: null,
    userErrors: [{ field: ["definition", ...field], message, code }],
  });
  const namespace = resolveNamespace(input.namespace, appId);
  if (!/^[\w-]{2,64}$/.test(input.key))
    return fail(
      ["key"],
      "Key must be 2-64 characters long and only contain alphanumeric, hyphen, and underscore characters.",
      "INVALID",
    );
  if (!input.name.trim()) return fail(["name"], "Name can't be blank", "BLANK");
  const type = TYPES[input.type];
  if (!type) return fail(["type"], "Type is not included in the list", "INCLUSION");
  for (const validation of input.validations ?? []) {
    if (!type.validations.includes(validation.name))
      return fail(["validations"], `Validations has an invalid option: ${validation.name}`, "INVALID_OPTION");
  }
  const id = definitionKey(input.ownerType, namespace, input.key);
  if (store.metafieldDefinitions.has(id))
    return fail(["key"], `Key is in use for Customer metafields on the '${namespace}' namespace.`, "TAKEN");
  const definition: FakeMetafieldDefinition = {
    id: gid("MetafieldDefinition", nextId++),
    name: input.name,
    namespace,
    key: input.key,
    description: input.description ?? null,
    ownerType: input.ownerType,
    type: { name: input.type },
    validations: (input.validations ?? []).map((v) => ({ name: v.name, type: "string", value: v.value })),
    access: input.access ?? {},
    pinnedPosition: input.pin ? store.metafieldDefinitions.size + 1 : null,
  };
  store.metafieldDefinitions.set(id, definition);
  return { createdDefinition: definition, userErrors: [] };
}

/** Why `value` breaks the definition's validations, or null. */
function validationProblem(definition: FakeMetafieldDefinition, value: string): string | null {
  for (const validation of definition.validations) {
    if (validation.name === "choices") {
      const choices = JSON.parse(validation.value) as string[];
      if (!choices.includes(value))
        return `Value does not exist in provided choices: ${JSON.stringify(choices)}.`;
    }
    if (definition.type.name.startsWith("number_")) {
      if (validation.name === "min" && Number(value) < Number(validation.value))
        return `Value must be greater than or equal to ${validation.value}.`;
      if (validation.name === "max" && Number(value) > Number(validation.value))
        return `Value must be less than or equal to ${validation.value}.`;
    }
  }
  return null;
}

export function setMetafields(
  store: FakeShopStore,
  inputs: SetInput[],
  appId: number,
  now: Date,
): { metafields: FakeMetafield[]; userErrors: unknown[] } {
  store.metafieldsSetCalls.push(inputs.length);
  if (inputs.length > METAFIELDS_SET_LIMIT) {
    return {
      metafields: [],
      userErrors: [
        {
          field: ["metafields"],
          message: `Exceeded the maximum metafields input limit of ${METAFIELDS_SET_LIMIT}.`,
          code: "LESS_THAN_OR_EQUAL_TO",
          elementIndex: null,
        },
      ],
    };
  }
  const errors: unknown[] = [];
  const error = (index: number, field: string, message: string, code: string) =>
    errors.push({ field: ["metafields", String(index), field], message, code, elementIndex: index });
  const resolved = inputs.map((input, index) => {
    const namespace = resolveNamespace(input.namespace, appId);
    const owner = /^gid:\/\/shopify\/Customer\/\d+$/.test(input.ownerId)
      ? store.get("customers", input.ownerId)
      : undefined;
    if (!owner) error(index, "ownerId", "Owner does not exist.", "INVALID");
    const definition = store.metafieldDefinitions.get(definitionKey("CUSTOMER", namespace, input.key));
    const type = input.type ?? definition?.type.name;
    if (!type) error(index, "type", "Type can't be blank.", "BLANK");
    else if (definition && definition.type.name !== type)
      error(index, "type", `Type must be ${definition.type.name} (the definition's type).`, "INVALID_TYPE");
    else if (!TYPES[type]) error(index, "type", "Type is not included in the list.", "INCLUSION");
    else if (!TYPES[type].valid(input.value))
      error(index, "value", `Value must be a valid ${type}.`, "INVALID_VALUE");
    else if (definition) {
      const problem = validationProblem(definition, input.value);
      if (problem) error(index, "value", problem, "INVALID_VALUE");
    }
    return { ...input, namespace, type: type ?? "" };
  });
  // All or nothing, as Shopify's: one bad metafield and none of the call's are stored.
  if (errors.length > 0) return { metafields: [], userErrors: errors };
  const written = resolved.map((input) => {
    const id = `${input.ownerId}/${input.namespace}/${input.key}`;
    const previous = store.metafields.get(id);
    const metafield: FakeMetafield = {
      id: previous?.id ?? gid("Metafield", nextId++),
      ownerId: input.ownerId,
      namespace: input.namespace,
      key: input.key,
      value: input.value,
      type: input.type,
      compareDigest: createHash("sha256").update(input.value).digest("base64"),
      createdAt: previous?.createdAt ?? timestamp(now),
      updatedAt: timestamp(now),
    };
    store.metafields.set(id, metafield);
    return metafield;
  });
  return { metafields: written, userErrors: [] };
}
