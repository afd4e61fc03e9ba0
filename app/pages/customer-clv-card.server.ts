/**
 * What the admin block on Shopify's customer page shows (extensions/customer-clv-block): one customer's
 * segment, chance still active, expected orders, predicted value and spend to date, from the shop's
 * latest model run. Read only for the shop the caller authenticated as: another shop's customer is
 * simply not found. The block words and formats everything itself from `segment.key` and the amounts
 * (its own locale files); `label`, `rule` and `formatted` are in the translator's language, for other readers.
 */
import type { PrismaClient } from "@prisma/client";
import { CLV_HORIZON_DAYS } from "~/clv/clv-model.server";
import { readCustomerClv } from "~/clv/customer-clv.server";
import { currencyExponent } from "~/kpi/money";
import type { Translator } from "~/i18n/translator";
import { segmentInfo } from "./customer-segments";

export interface CustomerClvCard {
  customerId: string;
  segment: { key: string; label: string; tone: string; rule: string };
  /** 0–100, whole percent. */
  chanceActivePct: number;
  expectedOrders: number;
  horizonDays: number;
  predictedValue: { amount: number; formatted: string };
  spendToDate: { amount: number; formatted: string };
  currency: string;
  /** The customer's row in the app's Customers page (an `app:` path, resolved by Shopify). */
  appPath: string;
  fittedAt: string | null;
}

export async function customerClvCard(
  prisma: PrismaClient,
  shopDomain: string,
  customerId: bigint,
  i18n: Translator,
): Promise<CustomerClvCard | null> {
  const money = (amount: number, currency: string) =>
    i18n.intl.formatNumber(amount, { style: "currency", currency });
  const shop = await prisma.shop.findUnique({
    where: { domain: shopDomain },
    select: { id: true, currency: true, clvModelRun: { select: { fittedAt: true, status: true } } },
  });
  if (!shop) return null;
  const [clv] = (await readCustomerClv(prisma, shop.id, { customerId })).customers;
  if (!clv) return null;
  // Spend to date: the customer's orders (not cancelled, deleted or test) less their refunds, in minor units.
  const [spend] = await prisma.$queryRaw<{ minor: bigint | null }[]>`
    SELECT (SELECT coalesce(sum(o.total_minor), 0) FROM "order" o
              WHERE o.shop_id = ${shop.id} AND o.customer_key = ${`c:${customerId}`}
                AND o.cancelled_at IS NULL AND o.deleted_at IS NULL AND NOT o.test)
         - (SELECT coalesce(sum(r.lines_subtotal_minor + r.shipping_minor + r.taxes_minor + r.duties_minor), 0)
              FROM refund r JOIN "order" o ON o.shop_id = r.shop_id AND o.id = r.order_id
              WHERE r.shop_id = ${shop.id} AND o.customer_key = ${`c:${customerId}`}
                AND o.cancelled_at IS NULL AND o.deleted_at IS NULL AND NOT o.test) AS minor`;
  const spendAmount = Number(spend?.minor ?? 0n) / 10 ** currencyExponent(shop.currency);
  const info = segmentInfo(clv.segment, i18n);
  return {
    customerId: String(customerId),
    segment: { key: info.value, label: info.label, tone: info.tone, rule: info.rule },
    chanceActivePct: Math.round(clv.pAlive * 100),
    expectedOrders: Math.round(clv.expectedOrders * 10) / 10,
    horizonDays: CLV_HORIZON_DAYS,
    predictedValue: { amount: clv.predictedValue, formatted: money(clv.predictedValue, shop.currency) },
    spendToDate: { amount: spendAmount, formatted: money(spendAmount, shop.currency) },
    currency: shop.currency,
    appPath: `/app/customers?segment=${info.value}`,
    fittedAt: shop.clvModelRun?.status === "ok" ? shop.clvModelRun.fittedAt.toISOString() : null,
  };
}
