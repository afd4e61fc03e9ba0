/**
 * Shopify sends the same order in two wire formats: a REST webhook payload, and an Admin GraphQL record
 * (a bulk export's JSONL lines for the history import, a paginated query's nodes for the daily
 * reconciliation). Both are read into one normalised record and built into rows by one builder, so the
 * rows must be the same whichever way the order came. The fake builds its GraphQL objects from the REST
 * payload builders, as Shopify serves one order through both.
 */
import { describe, expect, it } from "vitest";
import {
  buildCustomerPayload,
  buildOrderPayload,
  type CustomerInput,
  type OrderInput,
} from "../../fake-shopify";
import { bulkLines, customerObject, generateHistory, orderObject } from "../../fake-shopify/admin-api";
import { customerFromGraphql, orderFromGraphql } from "~/sync/records/from-graphql";
import { customerFromRest, orderFromRest } from "~/sync/records/from-rest";
import { customerRow, orderRows, type OrderRows } from "~/sync/records/rows";
import type { RestOrder } from "~/sync/wire/rest-payloads";
import { assembleBulkRecord, flattenConnections } from "~/sync/wire/assemble";
import type { GqlCustomer, GqlOrder } from "~/sync/wire/graphql-shapes";

type Json = Record<string, unknown>;

/** The connections the orders query asks for, each as a bulk export (`edges`) or a page (`nodes`) gives it. */
function asQueryAnswer(order: Json, form: "edges" | "nodes"): Json {
  const connection = (items: unknown) =>
    form === "edges" ? { edges: (items as Json[]).map((node) => ({ node })) } : { nodes: items as Json[] };
  const refunds = (order.refunds as Json[]).map((refund) => ({
    ...refund,
    refundLineItems: connection(refund.refundLineItems),
    refundShippingLines: connection(refund.refundShippingLines),
  }));
  return {
    ...order,
    // The order query names the customer by id only.
    customer: order.customer ? { id: (order.customer as Json).id } : null,
    lineItems: connection(order.lineItems),
    shippingLines: connection(order.shippingLines),
    refunds,
  };
}

/** The order as the history import reads it: JSONL lines, the children after their root, assembled. */
function fromBulkExport(input: OrderInput): OrderRows {
  const lines = bulkLines(asQueryAnswer(orderObject(buildOrderPayload(input)), "edges"));
  // Every order has line items, and they come as lines of their own.
  expect(lines.length).toBeGreaterThan(1);
  const [root, ...children] = lines.map((line) => JSON.parse(line) as Json);
  return orderRows(orderFromGraphql(assembleBulkRecord(root!, children) as unknown as GqlOrder));
}

/** The order as the reconciliation reads it: a page's node with its connections flattened. */
function fromQueryPage(input: OrderInput): OrderRows {
  const node = JSON.parse(JSON.stringify(asQueryAnswer(orderObject(buildOrderPayload(input)), "nodes")));
  return orderRows(orderFromGraphql(flattenConnections(node) as GqlOrder));
}

function fromWebhook(input: OrderInput): OrderRows {
  return orderRows(orderFromRest(JSON.parse(JSON.stringify(buildOrderPayload(input))) as RestOrder));
}

const shirtsAndCard: OrderInput = {
  id: 7101,
  createdAt: "2026-11-10T10:00:00Z",
  processedAt: "2026-11-09T22:30:00Z",
  updatedAt: "2026-11-11T08:00:00Z",
  currency: "EUR",
  taxesIncluded: true,
  timeZone: "Europe/Berlin",
  customer: {
    id: 8101,
    email: "Ann.Smith@Example.com",
    firstName: "Ann",
    lastName: "Smith",
    createdAt: "2026-01-02T03:04:05Z",
  },
  lines: [
    { quantity: 2, unitPriceMinor: 2500, discountMinor: 500, taxMinor: 400 },
    { quantity: 1, unitPriceMinor: 1999, taxMinor: 319 },
    { quantity: 1, unitPriceMinor: 5000, giftCard: true },
  ],
  shippingLines: [{ priceMinor: 595, taxMinor: 95 }],
  refunds: [
    {
      id: 7901,
      createdAt: "2026-11-12T09:00:00Z",
      lines: [{ lineIndex: 0, quantity: 1 }],
      shipping: [{ shippingIndex: 0, amountMinor: 500, taxMinor: 95 }],
      // REST's older duplicate of refunded shipping, which must still count once.
      legacyShippingAdjustment: true,
    },
    { id: 7902, createdAt: "2026-11-13T09:00:00Z", lines: [{ lineIndex: 2, quantity: 1 }] },
  ],
  checkoutToken: "checkout-7101",
  cartToken: "cart-7101",
};

describe("one order, two wire formats, the same rows", () => {
  it("a tax-inclusive order with a gift card, shipping and two refunds", () => {
    const webhook = fromWebhook(shirtsAndCard);
    expect(webhook.refunds).toHaveLength(2);
    expect(webhook.order.shippingMinor).toBe(500n); // 5.95 charged, its 0.95 tax taken out
    expect(webhook.refunds[0]).toMatchObject({ shippingMinor: 500n, taxesMinor: 200n + 95n });
    expect(fromBulkExport(shirtsAndCard)).toEqual({ ...webhook, customer: null });
    expect(fromQueryPage(shirtsAndCard)).toEqual({ ...webhook, customer: null });
  });

  it("every order of a varied generated history (guests, discounts, cancellations, tests, refunds)", () => {
    const history = generateHistory({ orders: 200, now: new Date("2026-12-01T00:00:00Z"), days: 200 });
    for (const input of history.orders) {
      const webhook = fromWebhook(input);
      // GraphQL names an order's customer by id; customers come in their own records (below).
      expect({ id: input.id, rows: fromBulkExport(input) }).toEqual({
        id: input.id,
        rows: { ...webhook, customer: null },
      });
      expect({ id: input.id, rows: fromQueryPage(input) }).toEqual({
        id: input.id,
        rows: { ...webhook, customer: null },
      });
    }
  });

  it("the customer an order webhook carries is the customer record the Admin API gives", () => {
    const input: CustomerInput = shirtsAndCard.customer!;
    const payload = buildCustomerPayload(input);
    const webhook = customerRow(customerFromRest(JSON.parse(JSON.stringify(payload))));
    const graphql = customerRow(customerFromGraphql(customerObject(payload) as unknown as GqlCustomer));
    // The phone is never stored (only checked against tombstones), and GraphQL's customer query omits it.
    expect({ ...graphql, phone: webhook.phone }).toEqual(webhook);
    expect(fromWebhook(shirtsAndCard).customer).toEqual(webhook);
  });
});
