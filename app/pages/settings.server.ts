/**
 * Loads and saves the Settings page. Saving validates through updateShopSettings (field errors, nothing
 * saved), then queues a full KPI rebuild when a KPI setting changed, so every snapshot uses the new rules.
 */
import type { PrismaClient, ShopSettings } from "@prisma/client";
import { translatorFor } from "~/i18n/catalog.server";
import type { Translator } from "~/i18n/translator";
import { currencyExponent, formatMinor } from "~/kpi/money";
import { log } from "~/logger.server";
import { getShopSettings, settingsErrors, updateShopSettings } from "~/settings/shop-settings.server";
import { syncDigestSchedule } from "~/jobs/digest-schedule.server";
import { queues } from "~/jobs/producer.server";
import type { OptInDeps, OptInOutcome } from "~/digest/opt-in.server";
import { requestOptIns } from "~/digest/opt-in.server";
import { recipientStatuses, validRecipients } from "~/digest/recipients.server";
import { monthKeyOf } from "~/settings/marketing-spend";
import { readMarketingSpend, saveMarketingSpend } from "~/settings/marketing-spend.server";
import type { SettingsField, SettingsFormErrors, SettingsFormValues } from "./settings-form";
import {
  changedFields,
  decimalSeparator,
  DIGEST_FIELDS,
  KPI_FIELDS,
  parseSpendEntries,
  spendMonths,
  toSettingsUpdate,
} from "./settings-form";

type Shop = { id: number; currency: string; timezone: string };

const ENGLISH = () => translatorFor("en");

export function formValuesOf(
  row: ShopSettings,
  spend: Readonly<Record<string, number>>,
  shop: Shop,
  now = new Date(),
  i18n: Translator = ENGLISH(),
): SettingsFormValues {
  const exponent = currencyExponent(shop.currency);
  const months = spendMonths(Object.keys(spend), monthKeyOf(now, shop.timezone));
  // Shown with the reader's decimal separator ("1500,00" in Polish), as they would type it.
  const amount = (minor: number) => formatMinor(minor, exponent).replace(".", decimalSeparator(i18n));
  return {
    activityWindowDays: String(row.activityWindowDays),
    graceMinutes: String(row.graceMinutes),
    refundAttribution: row.refundAttribution,
    grossMarginPct: row.grossMarginPct === null ? "" : row.grossMarginPct.toString(),
    marketingSpend: Object.fromEntries(
      months.map((m) => [m, spend[m] === undefined ? "" : amount(spend[m])]),
    ),
    digestEnabled: row.digestEnabled,
    digestRecipients: row.digestRecipients.join(", "),
    digestWeekday: String(row.digestWeekday),
    digestHour: String(row.digestHour),
    adminLanguage: row.adminLanguage ?? "",
    digestLanguage: row.digestLanguage ?? "",
  };
}

export async function loadSettings(
  prisma: PrismaClient,
  shop: Shop,
  now = new Date(),
  i18n: Translator = ENGLISH(),
): Promise<SettingsFormValues> {
  const [row, spend] = await Promise.all([
    getShopSettings(prisma, shop.id),
    readMarketingSpend(prisma, shop.id),
  ]);
  return formValuesOf(row, spend, shop, now, i18n);
}

export interface RecipientView {
  readonly email: string;
  /** "Dec 3, 2026, 9:12 AM" (reader's language, shop's zone) when they unsubscribed; null while they receive it. */
  readonly unsubscribedText: string | null;
  /** When the opt-in email went out (shop's zone) while it waits for confirmation; else null. */
  readonly pendingText: string | null;
}

/** The digest's recipients as saved, each with whether they still receive it. */
export async function loadRecipients(
  prisma: PrismaClient,
  shop: Shop,
  i18n: Translator = ENGLISH(),
): Promise<RecipientView[]> {
  const at = (instant: Date) =>
    i18n.intl.formatDate(instant, { dateStyle: "medium", timeStyle: "short", timeZone: shop.timezone });
  return (await recipientStatuses(prisma, shop.id)).map((status) => ({
    email: status.email,
    unsubscribedText: status.unsubscribedAt ? at(status.unsubscribedAt) : null,
    pendingText: status.optInRequestedAt ? at(status.optInRequestedAt) : null,
  }));
}

export type SaveOutcome =
  | { ok: false; errors: SettingsFormErrors }
  | {
      ok: true;
      values: SettingsFormValues;
      changed: SettingsField[];
      rebuildQueued: boolean | null;
      digestChanged: boolean;
      digestScheduled: boolean | null;
      /** Addresses added again after unsubscribing, and whether their opt-in email went out. */
      optIns: OptInOutcome[];
    };

function fieldErrors(errors: Record<string, string | undefined>): SettingsFormErrors {
  const byField: SettingsFormErrors = {};
  for (const [field, message] of Object.entries(errors))
    if (message) byField[field as SettingsField] = message;
  return byField;
}

export async function saveSettings(
  prisma: PrismaClient,
  shop: Shop,
  values: SettingsFormValues,
  now = new Date(),
  optInDeps: OptInDeps = {},
  i18n: Translator = ENGLISH(),
): Promise<SaveOutcome> {
  const exponent = currencyExponent(shop.currency);
  const spend = parseSpendEntries(values.marketingSpend, exponent, monthKeyOf(now, shop.timezone), i18n);
  const otherErrors = fieldErrors(settingsErrors(toSettingsUpdate(values), i18n));
  // Every problem at once, so the merchant fixes everything in one go; nothing is saved then.
  if (!spend.ok || Object.keys(otherErrors).length) {
    log.warn("settings not saved: invalid fields", {
      shopId: shop.id,
      fields: [...Object.keys(otherErrors), ...(spend.ok ? [] : Object.keys(spend.errors))],
    });
    return { ok: false, errors: { ...otherErrors, ...(spend.ok ? {} : spend.errors) } };
  }
  const beforeSpend = await readMarketingSpend(prisma, shop.id);
  const before = await getShopSettings(prisma, shop.id);
  const saved = await prisma.$transaction(async (tx) => {
    const result = await updateShopSettings(tx, shop.id, toSettingsUpdate(values), i18n);
    if (!result.ok) return result;
    await saveMarketingSpend(tx, shop.id, spend.entries, exponent, monthKeyOf(now, shop.timezone));
    return { ...result, spend: await readMarketingSpend(tx, shop.id) };
  });
  if (!saved.ok) return { ok: false, errors: fieldErrors(saved.errors) };
  const result = saved;
  const after = formValuesOf(result.settings, result.spend, shop, now, i18n);
  const changed = changedFields(formValuesOf(before, beforeSpend, shop, now, i18n), after);
  let rebuildQueued: boolean | null = null;
  if (changed.some((field) => KPI_FIELDS.includes(field))) rebuildQueued = await queueRebuild(shop.id);
  const digestChanged = changed.some((field) => DIGEST_FIELDS.includes(field));
  const digestScheduled = digestChanged ? await rescheduleDigest(shop.id) : null;
  // An address that unsubscribed and is added again needs its owner's yes, not the admin's.
  const known = new Set(validRecipients(before.digestRecipients));
  const added = validRecipients(result.settings.digestRecipients).filter((email) => !known.has(email));
  const optIns = (await requestOptIns(prisma, shop.id, added, { now, ...optInDeps })).filter(
    (o) => o.status !== "not-unsubscribed",
  );
  return { ok: true, values: after, changed, rebuildQueued, digestChanged, digestScheduled, optIns };
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

/** The admin asks a recipient who unsubscribed to opt in again (the button beside them in Settings). */
export async function askToOptIn(
  prisma: PrismaClient,
  shop: Shop,
  email: string,
  optInDeps: OptInDeps = {},
): Promise<OptInOutcome> {
  const listed = (await recipientStatuses(prisma, shop.id)).find(
    (r) => r.email === email.trim().toLowerCase(),
  );
  if (!listed?.unsubscribedAt) return { email, status: "not-unsubscribed" };
  const [outcome] = await requestOptIns(prisma, shop.id, [listed.email], optInDeps);
  return outcome!;
}
