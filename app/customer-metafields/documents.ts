/**
 * The Admin GraphQL documents of the customer metafield sync, as `#graphql` literals: validated against
 * Shopify's schema by test/graphql/admin-documents.test.ts, typed by `npm run graphql:codegen`.
 */

export const METAFIELD_DEFINITION_CREATE_MUTATION = `#graphql
  mutation ClvMetafieldDefinitionCreate($definition: MetafieldDefinitionInput!) {
    metafieldDefinitionCreate(definition: $definition) {
      createdDefinition { id namespace key }
      userErrors { field message code }
    }
  }`;

export const METAFIELDS_SET_MUTATION = `#graphql
  mutation ClvMetafieldsSet($metafields: [MetafieldsSetInput!]!) {
    metafieldsSet(metafields: $metafields) {
      metafields { id key }
      userErrors { field message code elementIndex }
    }
  }`;
