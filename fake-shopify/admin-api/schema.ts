import { buildSchema } from "graphql";

/**
 * The slice of Shopify's Admin GraphQL schema (2026-10) the app uses, with Shopify's type and field
 * names. test/graphql/fake-schema.test.ts checks every type, field, argument and enum value here against
 * Shopify's published schema, so the fake cannot accept a query Shopify refuses.
 */
export const ADMIN_SCHEMA_SDL = /* GraphQL */ `
  scalar DateTime
  scalar Decimal
  scalar UnsignedInt64
  scalar URL

  interface Node {
    id: ID!
  }

  type PageInfo {
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
    startCursor: String
    endCursor: String
  }
  enum CurrencyCode {
    AED
    AFN
    ALL
    AMD
    ANG
    AOA
    ARS
    AUD
    AWG
    AZN
    BAM
    BBD
    BDT
    BGN
    BHD
    BIF
    BMD
    BND
    BOB
    BRL
    BSD
    BTN
    BWP
    BYN
    BYR
    BZD
    CAD
    CDF
    CHF
    CLP
    CNY
    COP
    CRC
    CVE
    CZK
    DJF
    DKK
    DOP
    DZD
    EGP
    ERN
    ETB
    EUR
    FJD
    FKP
    GBP
    GEL
    GHS
    GIP
    GMD
    GNF
    GTQ
    GYD
    HKD
    HNL
    HRK
    HTG
    HUF
    IDR
    ILS
    INR
    IQD
    IRR
    ISK
    JEP
    JMD
    JOD
    JPY
    KES
    KGS
    KHR
    KID
    KMF
    KRW
    KWD
    KYD
    KZT
    LAK
    LBP
    LKR
    LRD
    LSL
    LTL
    LVL
    LYD
    MAD
    MDL
    MGA
    MKD
    MMK
    MNT
    MOP
    MRU
    MUR
    MVR
    MWK
    MXN
    MYR
    MZN
    NAD
    NGN
    NIO
    NOK
    NPR
    NZD
    OMR
    PAB
    PEN
    PGK
    PHP
    PKR
    PLN
    PYG
    QAR
    RON
    RSD
    RUB
    RWF
    SAR
    SBD
    SCR
    SDG
    SEK
    SGD
    SHP
    SLL
    SOS
    SRD
    SSP
    STD
    STN
    SYP
    SZL
    THB
    TJS
    TMT
    TND
    TOP
    TRY
    TTD
    TWD
    TZS
    UAH
    UGX
    USD
    USDC
    UYU
    UZS
    VED
    VEF
    VES
    VND
    VUV
    WST
    XAF
    XCD
    XOF
    XPF
    XXX
    YER
    ZAR
    ZMW
  }
  type MoneyV2 {
    amount: Decimal!
    currencyCode: CurrencyCode!
  }
  type MoneyBag {
    shopMoney: MoneyV2!
    presentmentMoney: MoneyV2!
  }
  type TaxLine {
    priceSet: MoneyBag!
    rate: Float
    title: String!
  }
  type Product implements Node {
    id: ID!
  }
  type ProductVariant implements Node {
    id: ID!
  }

  type LineItem implements Node {
    id: ID!
    quantity: Int!
    name: String!
    sku: String
    isGiftCard: Boolean!
    originalUnitPriceSet: MoneyBag!
    totalDiscountSet: MoneyBag!
    taxLines: [TaxLine!]!
    product: Product
    variant: ProductVariant
  }
  type LineItemEdge {
    node: LineItem!
    cursor: String!
  }
  type LineItemConnection {
    edges: [LineItemEdge!]!
    nodes: [LineItem!]!
    pageInfo: PageInfo!
  }

  type ShippingLine {
    id: ID
    title: String!
    originalPriceSet: MoneyBag!
    taxLines: [TaxLine!]!
  }
  type ShippingLineEdge {
    node: ShippingLine!
    cursor: String!
  }
  type ShippingLineConnection {
    edges: [ShippingLineEdge!]!
    nodes: [ShippingLine!]!
    pageInfo: PageInfo!
  }

  type RefundLineItem {
    id: ID
    quantity: Int!
    subtotalSet: MoneyBag!
    totalTaxSet: MoneyBag!
    lineItem: LineItem!
  }
  type RefundLineItemEdge {
    node: RefundLineItem!
    cursor: String!
  }
  type RefundLineItemConnection {
    edges: [RefundLineItemEdge!]!
    nodes: [RefundLineItem!]!
    pageInfo: PageInfo!
  }

  type RefundShippingLine implements Node {
    id: ID!
    subtotalAmountSet: MoneyBag!
    taxAmountSet: MoneyBag!
  }
  type RefundShippingLineEdge {
    node: RefundShippingLine!
    cursor: String!
  }
  type RefundShippingLineConnection {
    edges: [RefundShippingLineEdge!]!
    nodes: [RefundShippingLine!]!
    pageInfo: PageInfo!
  }

  type RefundDuty {
    amountSet: MoneyBag!
  }
  type Refund implements Node {
    id: ID!
    createdAt: DateTime
    updatedAt: DateTime!
    note: String
    duties: [RefundDuty!]
    totalRefundedSet: MoneyBag!
    refundLineItems(first: Int, after: String): RefundLineItemConnection!
    refundShippingLines(first: Int, after: String): RefundShippingLineConnection!
  }

  type CustomerEmailAddress {
    emailAddress: String!
  }
  enum CustomerState {
    DISABLED
    INVITED
    ENABLED
    DECLINED
  }
  type Customer implements Node {
    id: ID!
    firstName: String
    lastName: String
    state: CustomerState!
    createdAt: DateTime!
    updatedAt: DateTime!
    defaultEmailAddress: CustomerEmailAddress
  }
  type CustomerEdge {
    node: Customer!
    cursor: String!
  }
  type CustomerConnection {
    edges: [CustomerEdge!]!
    nodes: [Customer!]!
    pageInfo: PageInfo!
  }

  type Order implements Node {
    id: ID!
    name: String!
    email: String
    createdAt: DateTime!
    updatedAt: DateTime!
    processedAt: DateTime!
    cancelledAt: DateTime
    test: Boolean!
    currencyCode: CurrencyCode!
    presentmentCurrencyCode: CurrencyCode!
    taxesIncluded: Boolean!
    sourceName: String
    checkoutToken: String
    cartToken: String
    customer: Customer
    totalDiscountsSet: MoneyBag
    totalShippingPriceSet: MoneyBag!
    totalTaxSet: MoneyBag
    originalTotalDutiesSet: MoneyBag
    totalPriceSet: MoneyBag!
    lineItems(first: Int, after: String): LineItemConnection!
    shippingLines(first: Int, after: String): ShippingLineConnection!
    refunds(first: Int): [Refund!]!
  }
  type OrderEdge {
    node: Order!
    cursor: String!
  }
  type OrderConnection {
    edges: [OrderEdge!]!
    nodes: [Order!]!
    pageInfo: PageInfo!
  }

  type AbandonedCheckout implements Node {
    id: ID!
    name: String!
    abandonedCheckoutUrl: URL!
    createdAt: DateTime!
    updatedAt: DateTime!
    completedAt: DateTime
    customer: Customer
    totalPriceSet: MoneyBag!
    taxesIncluded: Boolean!
  }
  type AbandonedCheckoutEdge {
    node: AbandonedCheckout!
    cursor: String!
  }
  type AbandonedCheckoutConnection {
    edges: [AbandonedCheckoutEdge!]!
    nodes: [AbandonedCheckout!]!
    pageInfo: PageInfo!
  }

  enum BulkOperationStatus {
    CANCELED
    CANCELING
    COMPLETED
    CREATED
    EXPIRED
    FAILED
    RUNNING
  }
  enum BulkOperationErrorCode {
    ACCESS_DENIED
    INTERNAL_SERVER_ERROR
    TIMEOUT
  }
  enum BulkOperationType {
    QUERY
    MUTATION
  }
  enum BulkOperationUserErrorCode {
    INVALID
    OPERATION_IN_PROGRESS
    LIMIT_REACHED
  }
  type BulkOperation implements Node {
    id: ID!
    status: BulkOperationStatus!
    errorCode: BulkOperationErrorCode
    type: BulkOperationType!
    query: String!
    objectCount: UnsignedInt64!
    rootObjectCount: UnsignedInt64!
    fileSize: UnsignedInt64
    url: URL
    partialDataUrl: URL
    createdAt: DateTime!
    completedAt: DateTime
  }
  type BulkOperationUserError {
    field: [String!]
    message: String!
    code: BulkOperationUserErrorCode
  }
  type BulkOperationRunQueryPayload {
    bulkOperation: BulkOperation
    userErrors: [BulkOperationUserError!]!
  }
  type UserError {
    field: [String!]
    message: String!
  }
  type BulkOperationCancelPayload {
    bulkOperation: BulkOperation
    userErrors: [UserError!]!
  }

  type Shop {
    id: ID!
    name: String!
    myshopifyDomain: String!
    currencyCode: CurrencyCode!
    ianaTimezone: String!
    taxesIncluded: Boolean!
  }
  type ShopLocale {
    locale: String!
    name: String!
    primary: Boolean!
    published: Boolean!
  }
  type AccessScope {
    handle: String!
  }
  type AppInstallation {
    accessScopes: [AccessScope!]!
  }

  enum OrderSortKeys {
    CREATED_AT
    ID
    PROCESSED_AT
    UPDATED_AT
  }
  enum CustomerSortKeys {
    CREATED_AT
    ID
    UPDATED_AT
  }
  enum AbandonedCheckoutSortKeys {
    CREATED_AT
    ID
  }

  type QueryRoot {
    shop: Shop!
    node(id: ID!): Node
    bulkOperation(id: ID!): BulkOperation
    currentBulkOperation(type: BulkOperationType = QUERY): BulkOperation
    currentAppInstallation: AppInstallation!
    shopLocales(published: Boolean = false): [ShopLocale!]!
    orders(
      first: Int
      after: String
      query: String
      sortKey: OrderSortKeys = PROCESSED_AT
      reverse: Boolean = false
    ): OrderConnection!
    customers(
      first: Int
      after: String
      query: String
      sortKey: CustomerSortKeys = ID
      reverse: Boolean = false
    ): CustomerConnection!
    abandonedCheckouts(
      first: Int
      after: String
      query: String
      sortKey: AbandonedCheckoutSortKeys = ID
      reverse: Boolean = false
    ): AbandonedCheckoutConnection!
  }

  enum MetafieldOwnerType {
    CUSTOMER
  }
  enum MetafieldAdminAccessInput {
    MERCHANT_READ
    MERCHANT_READ_WRITE
  }
  enum MetafieldStorefrontAccessInput {
    NONE
    PUBLIC_READ
  }
  enum MetafieldCustomerAccountAccessInput {
    NONE
    READ
    READ_WRITE
  }
  input MetafieldAccessInput {
    admin: MetafieldAdminAccessInput
    storefront: MetafieldStorefrontAccessInput
    customerAccount: MetafieldCustomerAccountAccessInput
  }
  input MetafieldDefinitionValidationInput {
    name: String!
    value: String!
  }
  input MetafieldDefinitionInput {
    name: String!
    namespace: String
    key: String!
    description: String
    type: String!
    ownerType: MetafieldOwnerType!
    validations: [MetafieldDefinitionValidationInput!]
    access: MetafieldAccessInput
    pin: Boolean = false
  }
  type MetafieldDefinitionType {
    name: String!
  }
  type MetafieldDefinitionValidation {
    name: String!
    type: String!
    value: String
  }
  type MetafieldDefinition implements Node {
    id: ID!
    name: String!
    namespace: String!
    key: String!
    description: String
    ownerType: MetafieldOwnerType!
    type: MetafieldDefinitionType!
    validations: [MetafieldDefinitionValidation!]!
    pinnedPosition: Int
  }
  enum MetafieldDefinitionCreateUserErrorCode {
    BLANK
    INCLUSION
    INVALID
    INVALID_OPTION
    PRESENT
    TAKEN
    TOO_LONG
    TOO_SHORT
  }
  type MetafieldDefinitionCreateUserError {
    field: [String!]
    message: String!
    code: MetafieldDefinitionCreateUserErrorCode
  }
  type MetafieldDefinitionCreatePayload {
    createdDefinition: MetafieldDefinition
    userErrors: [MetafieldDefinitionCreateUserError!]!
  }
  input MetafieldsSetInput {
    ownerId: ID!
    namespace: String
    key: String!
    value: String!
    type: String
    compareDigest: String
  }
  type Metafield implements Node {
    id: ID!
    namespace: String!
    key: String!
    value: String!
    type: String!
    compareDigest: String!
    createdAt: DateTime!
    updatedAt: DateTime!
  }
  enum MetafieldsSetUserErrorCode {
    BLANK
    INCLUSION
    INVALID
    INVALID_TYPE
    INVALID_VALUE
    LESS_THAN_OR_EQUAL_TO
    PRESENT
    TOO_LONG
    TOO_SHORT
  }
  type MetafieldsSetUserError {
    field: [String!]
    message: String!
    code: MetafieldsSetUserErrorCode
    elementIndex: Int
  }
  type MetafieldsSetPayload {
    metafields: [Metafield!]
    userErrors: [MetafieldsSetUserError!]!
  }
  type Mutation {
    bulkOperationRunQuery(query: String!, groupObjects: Boolean! = false): BulkOperationRunQueryPayload
    bulkOperationCancel(id: ID!): BulkOperationCancelPayload
    metafieldDefinitionCreate(definition: MetafieldDefinitionInput!): MetafieldDefinitionCreatePayload
    metafieldsSet(metafields: [MetafieldsSetInput!]!): MetafieldsSetPayload
  }
  schema {
    query: QueryRoot
    mutation: Mutation
  }
`;

export const adminSchema = buildSchema(ADMIN_SCHEMA_SDL);
