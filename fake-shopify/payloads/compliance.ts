/**
 * The three mandatory privacy topics. Shopify sends them to every public app, with
 * these exact shapes; ids are numbers and the customer may lack an email or phone.
 */

export interface ComplianceShop {
  shopId: number;
  shopDomain: string;
}

export interface ComplianceCustomer {
  id: number;
  email: string | null;
  phone?: string | null;
}

function customerOf(customer: ComplianceCustomer) {
  return { id: customer.id, email: customer.email, phone: customer.phone ?? null };
}

/** customers/data_request: the merchant asks for what the app holds about a customer. */
export function buildCustomersDataRequestPayload(
  shop: ComplianceShop,
  customer: ComplianceCustomer,
  ordersRequested: number[],
  dataRequestId: number,
) {
  return {
    shop_id: shop.shopId,
    shop_domain: shop.shopDomain,
    orders_requested: ordersRequested,
    customer: customerOf(customer),
    data_request: { id: dataRequestId },
  };
}

/** customers/redact: erase a customer's personal data and that in the listed orders. */
export function buildCustomersRedactPayload(
  shop: ComplianceShop,
  customer: ComplianceCustomer,
  ordersToRedact: number[],
) {
  return {
    shop_id: shop.shopId,
    shop_domain: shop.shopDomain,
    customer: customerOf(customer),
    orders_to_redact: ordersToRedact,
  };
}

/** shop/redact: sent 48 hours after uninstall; erase everything about the shop. */
export function buildShopRedactPayload(shop: ComplianceShop) {
  return { shop_id: shop.shopId, shop_domain: shop.shopDomain };
}
