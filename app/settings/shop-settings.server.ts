import { Prisma, type PrismaClient, type ShopSettings } from "@prisma/client";
import { z } from "zod";
import { translatorFor } from "~/i18n/catalog.server";
import { LANGUAGES } from "~/i18n/locales";
import type { MessageId } from "~/i18n/message-id";
import type { Translator } from "~/i18n/translator";
import { resolveSettings, type KpiSettings } from "~/kpi/settings";
import { log } from "~/logger.server";

type Db = PrismaClient | Prisma.TransactionClient;

/** The shop's settings row, created with the schema's defaults (docs/kpi-definitions.md) on first read. */
export async function getShopSettings(db: Db, shopId: number): Promise<ShopSettings> {
  return db.shopSettings.upsert({ where: { shopId }, create: { shopId }, update: {} });
}

/** What the KPI engine needs from the settings row, the shop's timezone and its monthly spend. */
export function kpiSettingsOf(
  row: ShopSettings,
  timezone: string,
  spend: Readonly<Record<string, number>> = {},
): KpiSettings {
  return resolveSettings({
    timezone,
    activityWindowDays: row.activityWindowDays,
    graceMinutes: row.graceMinutes,
    refundAttribution: row.refundAttribution === "order_date" ? "order-date" : "refund-date",
    grossMarginPct: row.grossMarginPct === null ? null : row.grossMarginPct.toNumber(),
    marketingSpendByMonth: Object.keys(spend).length > 0 ? spend : null,
  });
}

// Each rule's message is a message id: settingsErrors() words it in the reader's language.
const m = (id: MessageId) => id;

const email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: m("settings.error.email") }));

const language = z.union([z.null(), z.enum(LANGUAGES)], { error: m("settings.error.language") });

/** What the Settings page may change; every field optional, every value checked against the spec's ranges. */
export const settingsUpdateSchema = z
  .object({
    activityWindowDays: z.coerce
      .number({ error: m("settings.error.number") })
      .int(m("settings.error.wholeDays"))
      .min(30, m("settings.error.activityWindowMin"))
      .max(730, m("settings.error.activityWindowMax")),
    graceMinutes: z.coerce
      .number({ error: m("settings.error.number") })
      .int(m("settings.error.wholeMinutes"))
      .min(0, m("settings.error.negative"))
      .max(1440, m("settings.error.graceMax")),
    refundAttribution: z.enum(["refund_date", "order_date"], {
      error: m("settings.error.refundAttribution"),
    }),
    grossMarginPct: z.union([
      z.null(),
      z.coerce
        .number({ error: m("settings.error.number") })
        .min(-100, m("settings.error.marginMin"))
        .max(100, m("settings.error.marginMax")),
    ]),
    digestEnabled: z.boolean({ error: m("settings.error.checkbox") }),
    digestRecipients: z.array(email).max(20, m("settings.error.recipientsMax")),
    digestWeekday: z.coerce
      .number({ error: m("settings.error.weekday") })
      .int(m("settings.error.weekday"))
      .min(1, m("settings.error.weekday"))
      .max(7, m("settings.error.weekday")),
    digestHour: z.coerce
      .number({ error: m("settings.error.hour") })
      .int(m("settings.error.hour"))
      .min(0, m("settings.error.hour"))
      .max(23, m("settings.error.hour")),
    /** null: the Shopify admin's language. */
    adminLanguage: language,
    /** null: the shop's primary language. */
    digestLanguage: language,
  })
  .partial();

export type SettingsUpdate = z.infer<typeof settingsUpdateSchema>;

export type SettingsErrors = Partial<Record<keyof SettingsUpdate, string>>;

const ENGLISH = () => translatorFor("en");

/** Every field's first problem, all fields at once (a form shows them together), in `i18n`'s language. */
export function settingsErrors(input: unknown, i18n: Translator = ENGLISH()): SettingsErrors {
  const parsed = settingsUpdateSchema.safeParse(input);
  const errors: SettingsErrors = {};
  if (parsed.success) return errors;
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as keyof SettingsUpdate;
    errors[field] ??= issue.message.startsWith("settings.error.")
      ? i18n.t(issue.message as MessageId)
      : i18n.t("settings.error.invalid");
  }
  return errors;
}

/** Validates and saves; returns field errors (and saves nothing) when any value is out of range. */
export async function updateShopSettings(
  db: Db,
  shopId: number,
  input: unknown,
  i18n: Translator = ENGLISH(),
): Promise<{ ok: true; settings: ShopSettings } | { ok: false; errors: SettingsErrors }> {
  const parsed = settingsUpdateSchema.safeParse(input);
  if (!parsed.success) {
    log.warn("settings refused", { shopId, fields: Object.keys(settingsErrors(input)) });
    return { ok: false, errors: settingsErrors(input, i18n) };
  }
  const { grossMarginPct, ...rest } = parsed.data;
  const data: Prisma.ShopSettingsUncheckedCreateInput = {
    shopId,
    ...rest,
    ...(grossMarginPct !== undefined
      ? { grossMarginPct: grossMarginPct === null ? null : new Prisma.Decimal(grossMarginPct) }
      : {}),
  };
  const { shopId: _shopId, ...update } = data;
  const settings = await db.shopSettings.upsert({ where: { shopId }, create: data, update });
  return { ok: true, settings };
}

/** Whether the merchant set a gross margin: margin-weighted KPIs are then labelled as profits. */
export async function grossMarginSet(db: Db, shopId: number): Promise<boolean> {
  const row = await db.shopSettings.findUnique({ where: { shopId }, select: { grossMarginPct: true } });
  return row?.grossMarginPct != null;
}
