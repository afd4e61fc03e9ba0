import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLNamedType,
  type GraphQLSchema,
} from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { adminSchema } from "../../fake-shopify/admin-api/schema";
import { loadShopifyAdminSchema } from "../../graphql/admin-schema";

/**
 * The fake Admin API's schema is written by hand. It may declare less than Shopify's, never something
 * else: every type, field, argument (with its default), enum value, interface and union member it
 * declares must exist in Shopify's published schema with the same type, and it must declare every
 * argument Shopify requires. A query the fake validates then also validates against Shopify.
 */

let shopify: GraphQLSchema;
beforeAll(() => {
  shopify = loadShopifyAdminSchema();
});

const kind = (type: GraphQLNamedType) => type.constructor.name;
const ownTypes = () => Object.values(adminSchema.getTypeMap()).filter((type) => !type.name.startsWith("__"));

function argumentDrift(
  where: string,
  ours: readonly GraphQLArgument[],
  theirs: readonly GraphQLArgument[],
): string[] {
  const drift: string[] = [];
  for (const arg of ours) {
    const match = theirs.find((other) => other.name === arg.name);
    if (!match) drift.push(`${where}(${arg.name}:) is not in Shopify's schema`);
    else if (String(arg.type) !== String(match.type))
      drift.push(`${where}(${arg.name}:) is ${arg.type}, Shopify's is ${match.type}`);
    else if (JSON.stringify(arg.defaultValue) !== JSON.stringify(match.defaultValue)) {
      drift.push(
        `${where}(${arg.name}:) defaults to ${JSON.stringify(arg.defaultValue)}, Shopify's to ${JSON.stringify(match.defaultValue)}`,
      );
    }
  }
  for (const arg of theirs) {
    const required = String(arg.type).endsWith("!") && arg.defaultValue === undefined;
    if (required && !ours.some((own) => own.name === arg.name))
      drift.push(`${where} lacks Shopify's required argument ${arg.name}`);
  }
  return drift;
}

function typeDrift(type: GraphQLNamedType): string[] {
  const theirs = shopify.getType(type.name);
  if (!theirs) return [`type ${type.name} is not in Shopify's schema`];
  if (kind(theirs) !== kind(type)) return [`${type.name} is a ${kind(type)}, Shopify's is a ${kind(theirs)}`];
  const drift: string[] = [];
  if ((isObjectType(type) || isInterfaceType(type)) && (isObjectType(theirs) || isInterfaceType(theirs))) {
    const fields = theirs.getFields();
    for (const field of Object.values(type.getFields())) {
      const match = fields[field.name];
      const where = `${type.name}.${field.name}`;
      if (!match) drift.push(`${where} is not in Shopify's schema`);
      else {
        if (String(field.type) !== String(match.type))
          drift.push(`${where} is ${field.type}, Shopify's is ${match.type}`);
        drift.push(...argumentDrift(where, field.args, match.args));
      }
    }
    for (const iface of type.getInterfaces()) {
      if (!theirs.getInterfaces().some((other) => other.name === iface.name))
        drift.push(`${type.name} implements ${iface.name}; Shopify's does not`);
    }
  }
  if (isInputObjectType(type) && isInputObjectType(theirs)) {
    const fields = theirs.getFields();
    for (const field of Object.values(type.getFields())) {
      const match = fields[field.name];
      if (!match) drift.push(`${type.name}.${field.name} is not in Shopify's schema`);
      else if (String(field.type) !== String(match.type))
        drift.push(`${type.name}.${field.name} is ${field.type}, Shopify's is ${match.type}`);
    }
    for (const field of Object.values(fields)) {
      const required = String(field.type).endsWith("!") && field.defaultValue === undefined;
      if (required && !type.getFields()[field.name])
        drift.push(`${type.name} lacks Shopify's required field ${field.name}`);
    }
  }
  if (isEnumType(type) && isEnumType(theirs)) {
    for (const value of type.getValues())
      if (!theirs.getValue(value.name)) drift.push(`${type.name}.${value.name} is not in Shopify's enum`);
  }
  if (isUnionType(type) && isUnionType(theirs)) {
    for (const member of type.getTypes()) {
      if (!theirs.getTypes().some((other) => other.name === member.name))
        drift.push(`${type.name} includes ${member.name}; Shopify's does not`);
    }
  }
  return drift;
}

describe("the fake Admin API's schema", () => {
  it("has Shopify's root types", () => {
    expect(adminSchema.getQueryType()?.name).toBe(shopify.getQueryType()?.name);
    expect(adminSchema.getMutationType()?.name).toBe(shopify.getMutationType()?.name);
    expect(adminSchema.getSubscriptionType()).toBeFalsy();
  });

  it("declares only what Shopify's declares, with the same types", () => {
    expect(ownTypes().flatMap(typeDrift)).toEqual([]);
  });
});
