import { formatShopTime, toDate, zoneOffsetMinutes } from "../shop-time";
import type { DateInput } from "../shop-time";

export interface ShopInput {
  id: number;
  /** The myshopify.com domain, e.g. "pulse-demo.myshopify.com". */
  myshopifyDomain: string;
  name?: string;
  email?: string;
  currency?: string;
  ianaTimezone?: string;
  taxesIncluded?: boolean;
  createdAt: DateInput;
  updatedAt?: DateInput;
  planName?: string;
  /** e.g. "pl"; English when not given. */
  primaryLocale?: string;
}

/** Shopify's legacy display form of the zone, e.g. "(GMT-05:00) America/New_York". */
function legacyTimezoneLabel(ianaTimezone: string, at: Date): string {
  const offset = zoneOffsetMinutes(at, ianaTimezone);
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 60)).padStart(2, "0");
  const mm = String(abs % 60).padStart(2, "0");
  return `(GMT${offset < 0 ? "-" : "+"}${hh}:${mm}) ${ianaTimezone}`;
}

/** The REST shop object: the body of shop/update and of app/uninstalled. */
export function buildShopPayload(input: ShopInput) {
  const ianaTimezone = input.ianaTimezone ?? "UTC";
  const currency = input.currency ?? "USD";
  const createdAt = toDate(input.createdAt);
  const updatedAt = toDate(input.updatedAt ?? createdAt);
  const email = input.email ?? `owner@${input.myshopifyDomain}`;
  return {
    id: input.id,
    name: input.name ?? input.myshopifyDomain.replace(/\.myshopify\.com$/, ""),
    email,
    domain: input.myshopifyDomain,
    province: null,
    country: "US",
    address1: null,
    zip: null,
    city: null,
    source: null,
    phone: null,
    latitude: null,
    longitude: null,
    primary_locale: input.primaryLocale ?? "en",
    address2: null,
    created_at: formatShopTime(createdAt, ianaTimezone),
    updated_at: formatShopTime(updatedAt, ianaTimezone),
    country_code: "US",
    country_name: "United States",
    currency,
    customer_email: email,
    timezone: legacyTimezoneLabel(ianaTimezone, updatedAt),
    iana_timezone: ianaTimezone,
    shop_owner: "Demo Owner",
    money_format: "${{amount}}",
    money_with_currency_format: `\${{amount}} ${currency}`,
    weight_unit: "kg",
    province_code: null,
    taxes_included: input.taxesIncluded ?? false,
    auto_configure_tax_inclusivity: null,
    tax_shipping: null,
    county_taxes: true,
    plan_display_name: "Basic",
    plan_name: input.planName ?? "basic",
    has_discounts: false,
    has_gift_cards: false,
    myshopify_domain: input.myshopifyDomain,
    google_apps_domain: null,
    google_apps_login_enabled: null,
    money_in_emails_format: "${{amount}}",
    money_with_currency_in_emails_format: `\${{amount}} ${currency}`,
    eligible_for_payments: true,
    requires_extra_payments_agreement: false,
    password_enabled: false,
    has_storefront: true,
    finances: true,
    primary_location_id: null,
    checkout_api_supported: true,
    multi_location_enabled: true,
    setup_required: false,
    pre_launch_enabled: false,
    enabled_presentment_currencies: [currency],
    marketing_sms_consent_enabled_at_checkout: false,
    transactional_sms_disabled: false,
  };
}

export type ShopPayload = ReturnType<typeof buildShopPayload>;
