import { gid } from "../ids";
import { formatShopTime, toDate } from "../shop-time";
import type { DateInput } from "../shop-time";

export interface CustomerInput {
  id: number;
  email: string | null;
  firstName?: string | null;
  lastName?: string | null;
  phone?: string | null;
  createdAt: DateInput;
  updatedAt?: DateInput;
  /** "enabled" once the customer has an account; shop-created customers are "disabled". */
  state?: "disabled" | "invited" | "enabled" | "declined";
  currency?: string;
  timeZone?: string;
}

/**
 * A customer as customers/create|update sends it in 2026-10. Since 2025-01 these payloads no
 * longer carry tags, marketing consent, or the purchasing summary (orders_count, total_spent,
 * last_order_*), which moved to their own topics, so none of them appear here.
 */
export function buildCustomerPayload(input: CustomerInput) {
  const timeZone = input.timeZone ?? "UTC";
  const createdAt = toDate(input.createdAt);
  return {
    id: input.id,
    email: input.email,
    created_at: formatShopTime(createdAt, timeZone),
    updated_at: formatShopTime(toDate(input.updatedAt ?? createdAt), timeZone),
    first_name: input.firstName ?? null,
    last_name: input.lastName ?? null,
    state: input.state ?? "disabled",
    note: null,
    verified_email: input.email !== null,
    multipass_identifier: null,
    tax_exempt: false,
    phone: input.phone ?? null,
    currency: input.currency ?? "USD",
    addresses: [] as unknown[],
    tax_exemptions: [] as string[],
    admin_graphql_api_id: gid("Customer", input.id),
  };
}

export type CustomerPayload = ReturnType<typeof buildCustomerPayload>;

/** customers/delete carries little more than the id: the record is gone. */
export function buildCustomerDeletePayload(customerId: number) {
  return {
    id: customerId,
    phone: null,
    addresses: [] as unknown[],
    tax_exemptions: [] as string[],
    admin_graphql_api_id: gid("Customer", customerId),
  };
}
