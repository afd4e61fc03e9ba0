/**
 * The customer metafields the app writes after each CLV model run, in its reserved namespace
 * `$app:pulse` (Shopify stores it as app--<app id>--pulse; only this app can write it, merchants read it).
 * Types are ones Shopify's customer segment editor filters on (number, text), so merchants can build
 * segments, Flow conditions and email audiences on them (decision 0043). Pure.
 */
import type { ClvSegment, CustomerClv } from "~/clv/customer-clv.server";

export const METAFIELD_NAMESPACE = "$app:pulse";

/** Shopify's limit of metafields in one metafieldsSet call. */
export const METAFIELDS_PER_CALL = 25;

export const SEGMENT_LABELS: Record<ClvSegment, string> = {
  new: "New",
  active: "Active",
  promising: "Promising",
  "at-risk": "At risk",
  lapsed: "Lapsed",
  lost: "Lost",
};

export interface MetafieldSpec {
  key: string;
  type: "number_decimal" | "number_integer" | "single_line_text_field";
  name: string;
  description: string;
  validations: { name: string; value: string }[];
  value: (customer: CustomerClv) => string;
}

export const CLV_METAFIELDS: readonly MetafieldSpec[] = [
  {
    key: "predicted_value",
    type: "number_decimal",
    name: "Predicted value (next 12 months)",
    description:
      "Pulse KPI's prediction of what this customer will spend in the next 12 months, in the store's currency (after margin when one is set). Updated nightly.",
    validations: [{ name: "min", value: "0" }],
    value: (c) => Math.max(0, c.predictedValue).toFixed(2),
  },
  {
    key: "chance_active",
    type: "number_integer",
    name: "Chance still active (%)",
    description:
      "Pulse KPI's estimate, 0 to 100, that this customer is still an active buyer rather than gone for good. Updated nightly.",
    validations: [
      { name: "min", value: "0" },
      { name: "max", value: "100" },
    ],
    value: (c) => String(Math.min(100, Math.max(0, Math.round(c.pAlive * 100)))),
  },
  {
    key: "segment",
    type: "single_line_text_field",
    name: "Customer segment",
    // No "choices" validation: when the app's segments change, old definitions would refuse new values.
    description: `Pulse KPI's segment for this customer: ${Object.values(SEGMENT_LABELS).join(", ")}. Updated nightly.`,
    validations: [],
    value: (c) => SEGMENT_LABELS[c.segment],
  },
];

/** Customers per metafieldsSet call: as many as fit whole under Shopify's 25-metafield limit. */
export const CUSTOMERS_PER_CALL = Math.floor(METAFIELDS_PER_CALL / CLV_METAFIELDS.length);

export const customerGid = (customerId: bigint) => `gid://shopify/Customer/${customerId}`;
