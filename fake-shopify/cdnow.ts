/**
 * The demo store's history, made from the CDNOW master file (Fader & Hardie's 1997 cohort:
 * 23,570 customers, 69,659 purchases): every customer becomes a Shopify customer and every
 * row one order, moved forward in time so the last purchase falls on `anchorDate`.
 */
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { pick } from "./deterministic";
import { parseMinor } from "./money";
import type { CustomerInput } from "./payloads/customer";
import { buildCustomerPayload } from "./payloads/customer";
import type { CustomerPayload } from "./payloads/customer";
import { buildOrderPayload } from "./payloads/order";
import type { OrderPayload } from "./payloads/order";
import type { OrderInput } from "./payloads/order-input";
import { addDays, daysBetween, localDate, zonedTimeToInstant } from "./shop-time";

/** The last purchase date in the file. */
export const CDNOW_LAST_DATE = "1998-06-30";
/** Ids in the same 13-digit range as real Shopify ids, distinct per resource. */
export const CDNOW_CUSTOMER_ID_BASE = 7_000_000_000_000;
export const CDNOW_ORDER_ID_BASE = 5_000_000_000_000;
const CD_PRODUCT_ID = 9_000_000_000_001;
const CD_VARIANT_ID = 9_100_000_000_001;

/** One data row, as in the file. */
export interface CdnowRow {
  /** 0-based position among the data rows; the source of per-row randomness. */
  row: number;
  customerNumber: number;
  /** Original purchase date, YYYY-MM-DD. */
  date: string;
  cds: number;
  dollarsMinor: number;
}

export interface DemoCustomer {
  id: number;
  cdnowId: string;
  email: string;
  firstName: string;
  lastName: string;
  /** The moment of the customer's first order: shoppers are created at checkout. */
  createdAt: Date;
}

export interface DemoOrderLine {
  quantity: number;
  unitPriceMinor: number;
}

export interface DemoOrder {
  id: number;
  orderNumber: number;
  customerId: number;
  email: string;
  createdAt: Date;
  /** The local (shop time zone) calendar date of the order. */
  localDate: string;
  lines: DemoOrderLine[];
  quantity: number;
  totalMinor: number;
  source: CdnowRow;
}

export interface DemoRecord {
  customer: DemoCustomer;
  order: DemoOrder;
  /** True for the customer's first order, i.e. when a customers/create would precede it. */
  isFirstOrder: boolean;
}

export interface CdnowOptions {
  path: string;
  /** Local date (YYYY-MM-DD) the last purchase moves to; default: yesterday in `timeZone`. */
  anchorDate?: string;
  /** Shop IANA time zone the days are shifted in; default UTC. */
  timeZone?: string;
  /** "Now", for the default anchor. */
  now?: Date;
}

const FIRST_NAMES = [
  "Ada",
  "Ben",
  "Chloe",
  "Dev",
  "Elena",
  "Farid",
  "Grace",
  "Hugo",
  "Ines",
  "Jonas",
  "Kira",
  "Liam",
  "Maya",
  "Noah",
  "Olga",
  "Pablo",
  "Quinn",
  "Rosa",
  "Sami",
  "Tara",
] as const;
const LAST_NAMES = [
  "Adler",
  "Baker",
  "Costa",
  "Dubois",
  "Evans",
  "Fischer",
  "Garcia",
  "Hansen",
  "Ivanova",
  "Jensen",
  "Kowalski",
  "Larsen",
  "Moreau",
  "Novak",
  "Okafor",
  "Petrov",
  "Rossi",
  "Silva",
  "Tanaka",
  "Weber",
] as const;

function parseRow(line: string, row: number): CdnowRow {
  const [id, yyyymmdd, cds, dollars] = line.trim().split(/\s+/);
  if (!id || !yyyymmdd || !cds || !dollars || !/^\d{8}$/.test(yyyymmdd)) {
    throw new Error(`CDNOW row ${row + 1} is malformed: "${line}"`);
  }
  return {
    row,
    customerNumber: Number(id),
    date: `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`,
    cds: Number(cds),
    dollarsMinor: parseMinor(dollars, "USD"),
  };
}

/** Reads the file line by line (CRLF or LF), skipping its header. */
export async function readCdnowRows(path: string): Promise<CdnowRow[]> {
  const rows: CdnowRow[] = [];
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim() || /[a-z]/i.test(line)) continue; // blank line or the header
    rows.push(parseRow(line, rows.length));
  }
  return rows;
}

/**
 * Unit prices whose lines add up to the row's dollars exactly. When the amount does not
 * divide by the number of CDs, r of the CDs cost one cent more than the rest (two lines of
 * the same product), so both the units and the cents of the original row are kept.
 */
export function splitIntoLines(totalMinor: number, quantity: number): DemoOrderLine[] {
  if (quantity <= 0) return [{ quantity: 1, unitPriceMinor: totalMinor }];
  const base = Math.floor(totalMinor / quantity);
  const remainder = totalMinor - base * quantity;
  if (remainder === 0) return [{ quantity, unitPriceMinor: base }];
  return [
    { quantity: remainder, unitPriceMinor: base + 1 },
    { quantity: quantity - remainder, unitPriceMinor: base },
  ];
}

export function demoCustomerNames(customerNumber: number): { firstName: string; lastName: string } {
  return {
    firstName: FIRST_NAMES[pick(customerNumber, FIRST_NAMES.length, 1)]!,
    lastName: LAST_NAMES[pick(customerNumber, LAST_NAMES.length, 2)]!,
  };
}

function resolveAnchor(options: CdnowOptions, timeZone: string): string {
  return options.anchorDate ?? addDays(localDate(options.now ?? new Date(), timeZone), -1);
}

/**
 * Every order with its customer, oldest first, numbered #1001… in that order, as a shop
 * would have numbered them. Deterministic for a given file, anchor and time zone.
 */
export async function* cdnowHistory(options: CdnowOptions): AsyncGenerator<DemoRecord> {
  const timeZone = options.timeZone ?? "UTC";
  const shiftDays = daysBetween(CDNOW_LAST_DATE, resolveAnchor(options, timeZone));
  const rows = await readCdnowRows(options.path);

  const placed = rows.map((source) => {
    const date = addDays(source.date, shiftDays);
    // Spread orders across the whole local day, the same way for every anchor.
    const createdAt = zonedTimeToInstant(date, pick(source.row, 86_400, 3), timeZone);
    return { source, date, createdAt };
  });
  placed.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.source.row - b.source.row);

  const customers = new Map<number, DemoCustomer>();
  for (const [rank, { source, date, createdAt }] of placed.entries()) {
    let customer = customers.get(source.customerNumber);
    const isFirstOrder = customer === undefined;
    if (!customer) {
      const cdnowId = String(source.customerNumber).padStart(5, "0");
      customer = {
        id: CDNOW_CUSTOMER_ID_BASE + source.customerNumber,
        cdnowId,
        email: `customer-${cdnowId}@example.com`,
        ...demoCustomerNames(source.customerNumber),
        createdAt,
      };
      customers.set(source.customerNumber, customer);
    }
    yield {
      customer,
      isFirstOrder,
      order: {
        id: CDNOW_ORDER_ID_BASE + rank + 1,
        orderNumber: 1001 + rank,
        customerId: customer.id,
        email: customer.email,
        createdAt,
        localDate: date,
        lines: splitIntoLines(source.dollarsMinor, source.cds),
        quantity: source.cds,
        totalMinor: source.dollarsMinor,
        source,
      },
    };
  }
}

export function demoCustomerInput(customer: DemoCustomer, timeZone = "UTC"): CustomerInput {
  return {
    id: customer.id,
    email: customer.email,
    firstName: customer.firstName,
    lastName: customer.lastName,
    createdAt: customer.createdAt,
    state: "enabled",
    timeZone,
  };
}

/** The builder input for a demo order: USD, no tax or shipping, paid, one "CD" product. */
export function demoOrderInput(record: DemoRecord, timeZone = "UTC"): OrderInput {
  const { order, customer } = record;
  return {
    id: order.id,
    orderNumber: order.orderNumber,
    createdAt: order.createdAt,
    currency: "USD",
    timeZone,
    email: order.email,
    customer: demoCustomerInput(customer, timeZone),
    financialStatus: "paid",
    lines: order.lines.map((line) => ({
      title: "CD",
      sku: "CD",
      productId: CD_PRODUCT_ID,
      variantId: CD_VARIANT_ID,
      quantity: line.quantity,
      unitPriceMinor: line.unitPriceMinor,
    })),
  };
}

export interface DemoPayloadRecord {
  customer: CustomerPayload;
  order: OrderPayload;
  isFirstOrder: boolean;
}

/** The same history as REST webhook payloads (customers/create, orders/create bodies). */
export async function* cdnowOrderPayloads(options: CdnowOptions): AsyncGenerator<DemoPayloadRecord> {
  const timeZone = options.timeZone ?? "UTC";
  for await (const record of cdnowHistory(options)) {
    yield {
      customer: buildCustomerPayload(demoCustomerInput(record.customer, timeZone)),
      order: buildOrderPayload(demoOrderInput(record, timeZone)),
      isFirstOrder: record.isFirstOrder,
    };
  }
}
