/**
 * Loads and saves the Settings page. Saving validates through updateShopSettings (field errors, nothing
 * saved), then queues a full KPI rebuild when a KPI setting changed, so every snapshot uses the new rules.
 */
import type { PrismaClient, ShopSettings } from "@prisma/client";
import { currencyExponent, formatMinor } from "~/kpi/money";
import { localDate } from "~/kpi/calendar/zone";
import { log } from "~/logger.server";
import { getShopSettings, settingsErrors, updateShopSettings } from "~/settings/shop-settings.server";
import { syncDigestSchedule } from "~/jobs/digest-schedule.server";
import { queues } from "~/jobs/producer.server";
import { recipientStatuses } from "~/digest/recipients.server";
import { instantText } from "./period-labels";
import type { SettingsField, SettingsFormValues } from "./settings-form";
import {
  changedFields,
  DIGEST_FIELDS,
  KPI_FIELDS,
  parseSpend,
  spendUpdate,
  toSettingsUpdate,
} from "./settings-form";

type Shop = { id: number; currency: string; timezone: string };

export const monthKey = (now: Date, timeZone: string): string => {
  const d = localDate(now, timeZone);
  return `${d.year}-${String(d.month).padStart(2, "0")}`;
};

const storedSpend = (row: ShopSettings): Record<string, number> =>
  (row.marketingSpend ?? {}) as Record<string, number>;

export function formValuesOf(row: ShopSettings, shop: Shop, now = new Date()): SettingsFormValues {
  const spend = storedSpend(row)[monthKey(now, shop.timezone)];
  return {
    activityWindowDays: String(row.activityWindowDays),
    graceMinutes: String(row.graceMinutes),
    refundAttribution: row.refundAttribution,
    grossMarginPct: row.grossMarginPct === null ? "" : row.grossMarginPct.toString(),
    monthlyMarketingSpend: spend === undefined ? "" : formatMinor(spend, currencyExponent(shop.currency)),
    digestEnabled: row.digestEnabled,
    digestRecipients: row.digestRecipients.join(", "),
    digestWeekday: String(row.digestWeekday),
    digestHour: String(row.digestHour),
  };
}

export async function loadSettings(prisma: PrismaClient, shop: Shop): Promise<SettingsFormValues> {
  return formValuesOf(await getShopSettings(prisma, shop.id), shop);
}

export interface RecipientView {
  readonly email: string;
  /** "Dec 3, 2026, 9:12 AM" in the shop's zone when they unsubscribed; null while they receive it. */
  readonly unsubscribedText: string | null;
}

/** The digest's recipients as saved, each with whether they still receive it. */
export async function loadRecipients(prisma: PrismaClient, shop: Shop): Promise<RecipientView[]> {
  return (await recipientStatuses(prisma, shop.id)).map((status) => ({
    email: status.email,
    unsubscribedText: status.unsubscribedAt ? instantText(status.unsubscribedAt, shop.timezone) : null,
  }));
}

export type SaveOutcome =
  | { ok: false; errors: Partial<Record<SettingsField, string>> }
  | {
      ok: true;
      values: SettingsFormValues;
      changed: SettingsField[];
      rebuildQueued: boolean | null;
      digestChanged: boolean;
      digestScheduled: boolean | null;
    };

const ERROR_FIELD: Record<string, SettingsField> = { marketingSpend: "monthlyMarketingSpend" };

function fieldErrors(errors: Record<string, string | undefined>): Partial<Record<SettingsField, string>> {
  const byField: Partial<Record<SettingsField, string>> = {};
  for (const [field, message] of Object.entries(errors))
    if (message) byField[ERROR_FIELD[field] ?? (field as SettingsField)] = message;
  return byField;
}

export async function saveSettings(
  prisma: PrismaClient,
  shop: Shop,
  values: SettingsFormValues,
  now = new Date(),
): Promise<SaveOutcome> {
  const before = await getShopSettings(prisma, shop.id);
  const spend = parseSpend(values.monthlyMarketingSpend, currencyExponent(shop.currency));
  if (!spend.ok) {
    // Report the other fields' problems too, so the merchant fixes everything in one go.
    const others = fieldErrors(settingsErrors(toSettingsUpdate(values)));
    return { ok: false, errors: { ...others, monthlyMarketingSpend: spend.error } };
  }
  const result = await updateShopSettings(prisma, shop.id, {
    ...toSettingsUpdate(values),
    marketingSpend: spendUpdate(storedSpend(before), spend.minor, monthKey(now, shop.timezone)),
  });
  if (!result.ok) return { ok: false, errors: fieldErrors(result.errors) };
  const after = formValuesOf(result.settings, shop, now);
  const changed = changedFields(formValuesOf(before, shop, now), after);
  let rebuildQueued: boolean | null = null;
  if (changed.some((field) => KPI_FIELDS.includes(field))) rebuildQueued = await queueRebuild(shop.id);
  const digestChanged = changed.some((field) => DIGEST_FIELDS.includes(field));
  const digestScheduled = digestChanged ? await rescheduleDigest(shop.id) : null;
  return { ok: true, values: after, changed, rebuildQueued, digestChanged, digestScheduled };
}

/** False when the queue is down: the digest worker's periodic sync picks the new day and hour up later. */
async function rescheduleDigest(shopId: number): Promise<boolean> {
  try {
    await syncDigestSchedule(shopId);
    return true;
  } catch (error) {
    log.warn("settings saved but the digest schedule could not be updated", { shopId, error });
    return false;
  }
}

/** False when the queue is down: the saved settings still apply at the next scheduled recompute. */
async function queueRebuild(shopId: number): Promise<boolean> {
  try {
    // Not a full rebuild: the recompute sees the new settings and rebuilds only what they shape.
    await queues().enqueueRecompute({ shopId, reason: "settings changed" });
    return true;
  } catch (error) {
    log.warn("settings saved but the KPI rebuild could not be queued", { shopId, error });
    return false;
  }
}
