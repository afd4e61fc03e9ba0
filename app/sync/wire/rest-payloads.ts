/**
 * The parts of Shopify's REST webhook payloads (Admin API 2026-10) that ingest reads. Shopify sends
 * much more; only what the KPIs and the pages need is typed, and every field is treated as optional
 * where Shopify documents it as nullable.
 */
import type { RestMoneySet, RestRefundPayload } from "~/kpi/refund-payload";

export type RestId = number | string;

export interface RestCustomer {
  id: RestId;
  email?: string | null;
  phone?: string | null;
  first_name?: string | null;
  last_name?: string | null;
  state?: string | null;
  created_at?: string | null;
  updated_at?: string | null;
}

export interface RestLineItem {
  id: RestId;
  product_id?: RestId | null;
  variant_id?: RestId | null;
  quantity: number;
  /** A gift card sold: not a sale (docs/decisions/0025). */
  gift_card?: boolean | null;
  price?: string;
  price_set?: RestMoneySet | null;
  total_discount_set?: RestMoneySet | null;
  tax_lines?: { price_set?: RestMoneySet | null }[];
}

export interface RestOrder {
  id: RestId;
  name?: string | null;
  email?: string | null;
  contact_email?: string | null;
  created_at: string;
  updated_at?: string | null;
  processed_at?: string | null;
  cancelled_at?: string | null;
  test?: boolean;
  currency?: string;
  presentment_currency?: string | null;
  taxes_included?: boolean;
  checkout_token?: string | null;
  cart_token?: string | null;
  source_name?: string | null;
  customer?: RestCustomer | null;
  line_items?: RestLineItem[];
  total_discounts_set?: RestMoneySet | null;
  total_shipping_price_set?: RestMoneySet | null;
  shipping_lines?: { price_set?: RestMoneySet | null; tax_lines?: { price_set?: RestMoneySet | null }[] }[];
  total_tax_set?: RestMoneySet | null;
  original_total_duties_set?: RestMoneySet | null;
  total_price_set?: RestMoneySet | null;
  refunds?: RestRefundPayload[];
}

export interface RestCheckout {
  id?: RestId | null;
  token: string;
  cart_token?: string | null;
  email?: string | null;
  created_at: string;
  updated_at?: string | null;
  completed_at?: string | null;
  customer?: { id: RestId } | null;
  total_price?: string | null;
  currency?: string | null;
  presentment_currency?: string | null;
}

export interface RestCart {
  id?: string | null;
  token: string;
  created_at: string;
  updated_at?: string | null;
  line_items?: { quantity: number }[];
}

export interface RestShop {
  /** A number in REST payloads, a gid in the Admin GraphQL shop query. */
  id?: RestId | null;
  name?: string | null;
  currency?: string | null;
  iana_timezone?: string | null;
  taxes_included?: boolean | null;
  /** e.g. "pl" or "pt-BR"; the Admin GraphQL API has it as the primary entry of `shopLocales`. */
  primary_locale?: string | null;
}
